// Package cli holds what the commands share: the mistake in a command line
// that exits with status 2, the exit status of a run's error, flag
// parsing that prints the usage for -h only (a mistake gets one line), and
// the -model flag's file.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// UsageError is a mistake in the command line: the command exits with
// status 2.
type UsageError struct{ Err error }

// Error returns the mistake's one line.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the mistake, for errors.Is and errors.As.
func (e *UsageError) Unwrap() error { return e.Err }

// Usage marks err as a mistake in the command line.
func Usage(err error) error { return &UsageError{err} }

// Usagef returns a mistake in the command line, formatted as fmt.Errorf.
func Usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// ExitCode returns the exit status for a run's error: 0 for none or -h, 2
// for a UsageError, 130 for an interrupt (context.Canceled), 1 otherwise.
func ExitCode(err error) int {
	var usage *UsageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usage):
		return 2
	case errors.Is(err, context.Canceled):
		return 130
	default:
		return 1
	}
}

// Parse parses args into fs. For -h it prints usage and fs's flags to
// stderr and returns flag.ErrHelp; a mistake is a UsageError, and nothing
// is printed: the command prints its one line.
func Parse(fs *flag.FlagSet, args []string, usage string, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stderr)
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
		return err
	}
	if err != nil {
		return &UsageError{err}
	}
	return nil
}

// LoadModel reads the model that a -model flag names and checks that it
// classifies MNIST's digits; a file that cannot be read as a model, or one
// of other sizes, is a mistake in the command line.
func LoadModel(path string) (*nn.Network, error) {
	net, err := nn.LoadFile(path)
	if err != nil {
		return nil, Usage(fmt.Errorf("-model: %w", err))
	}
	if err := mnist.CheckSizes(net.Sizes()); err != nil {
		return nil, Usagef("-model %s: %v", path, err)
	}
	return net, nil
}
