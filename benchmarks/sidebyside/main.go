// Command sidebyside measures one epoch of training against the Python
// anchors, numpy's matrix_net.py, alternating them so that both meet the
// same phases of a shared, noisy machine:
//
//	go run ./benchmarks/sidebyside -runs 5 -sizes 784-30-10,784-800-10 -batches 10,100
//
// It runs from the module's root, with ../shared/anchors beside it (or
// -anchors). Each run takes every network and batch size in turn: numpy
// once for every OpenBLAS core type in -coretypes (its own choice, and
// SkylakeX's AVX-512 kernels), then this library's BenchmarkEpoch (built
// with go test -c, or -bench). Each trains -epochs epochs, and both are
// compared by the same statistic of them, -stat: their median by default,
// which matrix_net.py prints as median_wall_s and BenchmarkEpoch reports
// as median-ns/epoch, or their mean. It prints a Markdown table of the
// seconds per epoch, medians of the runs with their range, and of the
// ratios ours / numpy, each taken within one run, so that a slow phase of
// the host slows both sides of a ratio alike.
//
// Progress goes to standard error, the table to standard output. The exit
// status is 2 for bad usage, 1 when a measurement fails, 130 when
// interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/vzorecky/backprop/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, execute)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
	}
	os.Exit(cli.ExitCode(err))
}
