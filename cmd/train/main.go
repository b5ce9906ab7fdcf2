// Command train trains a feedforward network on MNIST with mini-batch SGD
// and reports its accuracy after every epoch.
//
// With no flags it trains the seed's reference configuration, [784, 30, 10]
// with sigmoid activations, quadratic cost, mini-batch 10 and ξ = 3.0 for
// 30 epochs, on the MNIST copy embedded in the binary:
//
//	go run ./cmd/train
//
// Results go to standard output; a progress bar goes to standard error when
// it is a terminal. Ctrl-C (or SIGTERM) stops at the end of the current
// mini-batch and, with -out, saves the model of the last completed epoch
// (nothing before the first); a second Ctrl-C exits at once, after a save
// in progress. A closed standard output (train | head) does not stop the
// run or its save. Run "train -h" for the flags. The exit status is 0 on success, 2 for bad
// usage (flags, sizes, unreadable -data or -load), 130 when interrupted and
// 1 for any other failure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/vzorecky/backprop/internal/cli"
)

func main() {
	ignoreBrokenPipes()
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "train:", err)
	}
	os.Exit(cli.ExitCode(err))
}

// run is the whole command, with its arguments (without the program name)
// and output streams passed in so that tests can call it.
func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	ctx, in := watchInterrupts(stderr)
	defer in.stop()
	return cfg.execute(ctx, in, stdout, stderr)
}
