package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// usageError is a mistake in the command line: main exits with status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errHelp is returned after -h has printed the usage.
var errHelp = flag.ErrHelp

// config is what the flags ask for.
type config struct {
	sizes     []int
	settings  nn.Settings // Epochs, BatchSize and LearningRate; execute adds the rest
	seed      uint64
	trainN    int
	dataDir   string
	noShuffle bool
	out       string
	load      string
	evalOnly  bool
	quiet     bool
	impl      string
}

const usageText = `usage: train [flags]

Trains a feedforward network (sigmoid, quadratic cost) on MNIST with
mini-batch stochastic gradient descent, and prints after every epoch the
training time, the training cost and the validation and test accuracy.
With no flags it trains the reference [784, 30, 10] network for 30 epochs
on the MNIST copy built into the program.

Flags:
`

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	// flag would print the whole usage after every mistake; a mistake gets
	// one line from main instead, and only -h the usage.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	sizes := fs.String("sizes", fmt.Sprintf("%d,30,%d", mnist.Pixels, mnist.Classes),
		fmt.Sprintf("layer sizes, input first, comma-separated; MNIST needs %d inputs and %d outputs", mnist.Pixels, mnist.Classes))
	hidden := fs.String("hidden", "", "hidden layer sizes only, comma-separated (e.g. 100 or 100,30); replaces -sizes")
	fs.IntVar(&cfg.settings.Epochs, "epochs", 30, "number of `epochs`")
	fs.IntVar(&cfg.settings.BatchSize, "batch", 10, "mini-batch `size` m")
	fs.Float64Var(&cfg.settings.LearningRate, "eta", 3.0, "learning `rate` ξ")
	fs.Uint64Var(&cfg.seed, "seed", 1, "`seed` of the initial weights and of the shuffling")
	fs.IntVar(&cfg.trainN, "train-n", 0, "train on only the first `N` training images (0: all 50,000)")
	fs.StringVar(&cfg.dataDir, "data", "", "read the four MNIST IDX files from `dir` instead of the built-in copy")
	fs.BoolVar(&cfg.noShuffle, "no-shuffle", false, "keep the training images in their order every epoch")
	fs.StringVar(&cfg.out, "out", "", "save the trained model to `file` (also when interrupted)")
	fs.StringVar(&cfg.load, "load", "", "start from the model saved in `file` instead of random weights")
	fs.BoolVar(&cfg.evalOnly, "eval", false, "only evaluate the -load model on the validation and test sets")
	fs.BoolVar(&cfg.quiet, "quiet", false, "print only the final result: no progress bar, no line per epoch")
	fs.StringVar(&cfg.impl, "impl", "auto", "matrix products: auto (the fastest here), "+strings.Join(implNames(), ", "))

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprint(stderr, usageText)
			fs.PrintDefaults()
			return nil, errHelp
		}
		return nil, &usageError{err}
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q (flags only; see -h)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var err error
	switch {
	case set["hidden"] && set["sizes"]:
		return nil, usagef("-hidden and -sizes both give the layer sizes; use one")
	case set["hidden"]:
		var h []int
		if h, err = parseSizes("-hidden", *hidden); err != nil {
			return nil, err
		}
		cfg.sizes = append(append([]int{mnist.Pixels}, h...), mnist.Classes)
	default:
		if cfg.sizes, err = parseSizes("-sizes", *sizes); err != nil {
			return nil, err
		}
	}
	if len(cfg.sizes) < 2 {
		return nil, usagef("-sizes %s: a network needs at least 2 layers", *sizes)
	}
	if !fitsMNIST(cfg.sizes) {
		return nil, usagef("-sizes %s: MNIST needs %d inputs (28×28 pixels) and %d outputs (digits)", *sizes, mnist.Pixels, mnist.Classes)
	}
	if err := cfg.settings.Check(); err != nil {
		return nil, settingUsage(err)
	}
	if cfg.trainN < 0 {
		return nil, usagef("-train-n %d: must not be negative", cfg.trainN)
	}
	if _, ok := products[cfg.impl]; !ok && cfg.impl != "auto" {
		return nil, usagef("-impl %q: want auto, %s", cfg.impl, strings.Join(implNames(), ", "))
	}
	if cfg.evalOnly && cfg.load == "" {
		return nil, usagef("-eval needs -load: there is no trained model to evaluate")
	}
	if cfg.load != "" && (set["sizes"] || set["hidden"]) {
		return nil, usagef("-load takes the layer sizes from the model; drop -sizes/-hidden")
	}
	return cfg, nil
}

// fitsMNIST reports whether a network of the given sizes reads MNIST.
func fitsMNIST(sizes []int) bool {
	return sizes[0] == mnist.Pixels && sizes[len(sizes)-1] == mnist.Classes
}

// settingFlags names the flag of each setting nn checks, with a hint for
// a mistake where one helps.
var settingFlags = map[string]struct{ flag, hint string }{
	"Epochs":       {"-epochs", " (use -eval to only evaluate)"},
	"BatchSize":    {"-batch", ""},
	"LearningRate": {"-eta", ""},
}

// settingUsage turns nn's verdict on the settings into a usage error that
// names the flag.
func settingUsage(err error) error {
	var se *nn.SettingError
	if errors.As(err, &se) {
		if f, ok := settingFlags[se.Setting]; ok {
			return usagef("%s %v: %s%s", f.flag, se.Value, se.Reason, f.hint)
		}
	}
	return &usageError{err}
}

// parseSizes reads a comma-separated list of positive layer sizes.
func parseSizes(flagName, s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, usagef("%s %s: %q is not a positive whole number", flagName, s, f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
