// Command predict classifies pictures of handwritten digits with a model
// that cmd/train saved:
//
//	go run ./cmd/train -out m.json
//	go run ./cmd/predict -model m.json digit.png [more.png ...]
//
// Each picture (PNG, JPEG or GIF, any size, dark ink on light paper or
// light on dark) goes through MNIST's preprocessing (mnist.Preprocess):
// grey levels, the ink found and cropped, scaled to fit 20×20 and centred
// by its centre of mass in 28×28. For each, predict prints the digit and
// the network's ten outputs, or with -json one JSON array of the results.
//
// A file that cannot be classified gets one line on standard error, and the
// others are still classified. The exit status is 0 when every file was
// classified, 1 when some were not, 2 for bad usage (flags, no files, a
// model that cannot be read or does not read MNIST).
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/vzorecky/backprop/internal/cli"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "predict:", err)
	}
	os.Exit(cli.ExitCode(err))
}
