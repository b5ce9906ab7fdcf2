package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// config is what the flags ask for.
type config struct {
	sizes     []int
	settings  nn.Settings // Epochs, BatchSize, LearningRate, Lambda, MonitorTraining; execute adds the rest
	model     model
	seed      uint64
	trainN    int
	dataDir   string
	noShuffle bool
	out       string
	load      string
	evalOnly  bool
	quiet     bool
	impl      string
	outFormat string
	maxMemory byteSize
	pictures  pictures
	threads   int
}

// model is what the flags choose for a new network; each field's zero
// value is the seed's choice.
type model struct {
	hidden, output nn.Activation
	cost           nn.Cost
	init           nn.Init
}

// activations returns the network's activations, one per layer after the input.
func (m model) activations(layers int) []nn.Activation {
	acts := make([]nn.Activation, layers)
	for i := range acts {
		acts[i] = m.hidden
	}
	acts[layers-1] = m.output
	return acts
}

// describe names the choices that are not the seed's, or returns "".
func (m model) describe(s nn.Settings) string {
	var parts []string
	if m.hidden != nil {
		parts = append(parts, "hidden "+m.hidden.Name())
	}
	if m.output != nil {
		parts = append(parts, "output "+m.output.Name())
	}
	if m.cost != nil {
		parts = append(parts, "cost "+m.cost.Name())
	}
	if m.init != "" {
		parts = append(parts, "init "+string(m.init))
	}
	if s.Lambda != 0 {
		parts = append(parts, fmt.Sprintf("lambda %v", s.Lambda))
	}
	if s.StepRule != nil {
		parts = append(parts, "optimizer "+s.StepRule.Name())
	}
	if s.Schedule != nil {
		parts = append(parts, "schedule "+s.Schedule.Name())
	}
	if s.Dropout != 0 {
		parts = append(parts, fmt.Sprintf("dropout %v", s.Dropout))
	}
	if s.Patience != 0 {
		parts = append(parts, fmt.Sprintf("patience %d", s.Patience))
	}
	return strings.Join(parts, ", ")
}

const usageText = `usage: train [flags]

Trains a feedforward network on MNIST with mini-batch stochastic
gradient descent, and prints after every epoch the training time, the
training cost and the validation and test accuracy. With no flags it
trains the seed's reference network, [784, 30, 10] with sigmoid layers,
quadratic cost and N(0, 1) weights, for 30 epochs on the MNIST copy built
into the program.

Chapter 3 of Nielsen's book, network2.py's recipe (about 97.8 %):

  train -hidden 100 -cost cross-entropy -lambda 5 -eta 0.5

ReLU, softmax, momentum and dropout (about 98.6 %, 8 minutes here):

  train -hidden 800 -activation relu -cost log-likelihood -init he \
        -optimizer momentum -eta 0.05 -batch 50 -dropout 0.3 -epochs 45 -schedule step:15:0.5

Supported cost and output pairs: quadratic with any output;
cross-entropy with sigmoid (δ = a − y) or softmax; log-likelihood with
softmax (δ = a − y, the default output for it) or sigmoid.

Flags:
`

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	sizes := fs.String("sizes", fmt.Sprintf("%d,30,%d", mnist.Pixels, mnist.Classes),
		fmt.Sprintf("layer sizes, input first, comma-separated; MNIST needs %d inputs and %d outputs", mnist.Pixels, mnist.Classes))
	hidden := fs.String("hidden", "", "hidden layer sizes only, comma-separated (e.g. 100 or 100,30); replaces -sizes")
	fs.IntVar(&cfg.settings.Epochs, "epochs", 30, "number of `epochs`")
	fs.IntVar(&cfg.settings.BatchSize, "batch", 10, "mini-batch `size` m")
	fs.Float64Var(&cfg.settings.LearningRate, "eta", 3.0, "learning `rate` ξ")
	fs.Uint64Var(&cfg.seed, "seed", 1, "`seed` of the initial weights, the shuffling and the dropout masks")
	fs.IntVar(&cfg.trainN, "train-n", 0, "train on only the first `N` training images (0: all 50,000)")
	fs.StringVar(&cfg.dataDir, "data", "", "read the four MNIST IDX files from `dir` instead of the built-in copy")
	fs.BoolVar(&cfg.noShuffle, "no-shuffle", false, "keep the training images in their order every epoch")
	fs.StringVar(&cfg.out, "out", "", "save the trained model to `file`: a regular file, a new one, or a link to one (its target is\nreplaced, atomically); interrupted, the model of the last completed epoch (nothing before the first)")
	fs.StringVar(&cfg.pictures.plot, "plot", "", "draw the learning curves, cost and accuracy by epoch, to `file` (.svg or .png),\nrewritten after every epoch")
	fs.StringVar(&cfg.pictures.errors, "errors", "", "draw the test images the network gets wrong, the most confident mistakes first,\nto `file` (.png); also with -eval")
	fs.StringVar(&cfg.load, "load", "", "start from the model saved in `file` instead of random weights")
	fs.BoolVar(&cfg.evalOnly, "eval", false, "only evaluate the -load model on the validation and test sets")
	fs.BoolVar(&cfg.quiet, "quiet", false, "print only the final result: no progress bar, no line per epoch")
	fs.IntVar(&cfg.threads, "threads", 0, "train on at most `N` cores (0: all); tuned's results are the same, bit for bit, on any\nnumber; openblas keeps one thread unless -threads is given")
	fs.StringVar(&cfg.impl, "impl", "auto", "matrix products: auto (the fastest here), "+strings.Join(implNames(), ", "))
	hiddenAct := fs.String("activation", "sigmoid", "`activation` of the hidden layers: "+strings.Join(hiddenNames(), ", "))
	outputAct := fs.String("output-activation", "sigmoid", "`activation` of the output layer: "+strings.Join(nn.ActivationNames(), ", ")+";\nsoftmax when -cost log-likelihood is given without it")
	costName := fs.String("cost", "quadratic", "the `cost`: "+strings.Join(nn.CostNames(), ", "))
	initName := fs.String("init", "normal", "how to draw the initial weights, the `way`: normal (N(0, 1), the seed's), scaled (N(0, 1/n_in),\nnetwork2.py's), he (N(0, 2/n_in), for relu), glorot (N(0, 2/(n_in+n_out)), for tanh)")
	fs.Float64Var(&cfg.settings.Lambda, "lambda", 0, "L2 regularisation `λ`: weights decay by 1 − ξλ/n each mini-batch")
	fs.BoolVar(&cfg.settings.MonitorTraining, "monitor", false, "also print every epoch the cost on the validation set and the cost and accuracy\non the training set, as network2.py's monitors do (costs with the L2 term)")
	optimizer := fs.String("optimizer", "sgd", "the step `rule`: sgd (the seed's), momentum, nesterov (momentum looking ahead),\nadam (try -eta 0.001); their state starts at 0 and is not saved with -out")
	momentum := fs.Float64("momentum", 0.9, "momentum `μ`, in (0, 1), for -optimizer momentum or nesterov")
	schedule := fs.String("schedule", "constant", "learning-rate `schedule`: constant; step:N:F (ξ times F every N epochs, e.g. step:10:0.5);\nplateau[:N:F:S] (the book's: ξ divided by F=2 after N=10 epochs without a better validation\naccuracy, stop when ξ is 1/S=1/128 of where it started)")
	fs.IntVar(&cfg.settings.Patience, "patience", 0, "early stopping: stop after `N` epochs without a better validation accuracy, and keep\n(and save) the best network, not the last; 0: off")
	fs.Float64Var(&cfg.settings.Dropout, "dropout", 0, "drop hidden neurons at `rate` p in training (inverted dropout, a mask per mini-batch\nfrom -seed); 0: off")
	fs.Var(&cfg.maxMemory, "max-memory", "refuse a run that needs more than this many `bytes` of memory, such as 4G or 512M\n(0, the default: nine tenths of what the system has free)")
	fs.StringVar(&cfg.outFormat, "out-format", "backprop", "`format` of -out: backprop (this library's) or network2 (Nielsen's network2.py can load it)")

	if err := cli.Parse(fs, args, usageText, stderr); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, cli.Usagef("unexpected argument %q (flags only; see -h)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var err error
	switch {
	case set["hidden"] && set["sizes"]:
		return nil, cli.Usagef("-hidden and -sizes both give the layer sizes; use one")
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
		return nil, cli.Usagef("-sizes %s: a network needs at least 2 layers", *sizes)
	}
	if !fitsMNIST(cfg.sizes) {
		return nil, cli.Usagef("-sizes %s: MNIST needs %d inputs (28×28 pixels) and %d outputs (digits)", *sizes, mnist.Pixels, mnist.Classes)
	}
	if err := cfg.model.parse(set, *hiddenAct, *outputAct, *costName, *initName); err != nil {
		return nil, err
	}
	if err := nn.CheckModel(cfg.model.activations(len(cfg.sizes)-1), cfg.model.cost); err != nil {
		return nil, settingUsage(err)
	}
	if cfg.settings.StepRule, err = stepRule(set, *optimizer, *momentum); err != nil {
		return nil, err
	}
	if cfg.settings.Schedule, err = parseSchedule(*schedule); err != nil {
		return nil, err
	}
	if cfg.settings.Dropout > 0 {
		cfg.settings.DropoutRand = rand.New(rand.NewPCG(cfg.seed, dropoutStream))
	}
	// The trainer always evaluates the validation set, which the
	// schedules and early stopping watch.
	check := cfg.settings
	check.Eval = (&mnist.Set{}).Samples()
	if err := check.Check(); err != nil {
		return nil, settingUsage(err)
	}
	if cfg.outFormat != "backprop" && cfg.outFormat != "network2" {
		return nil, cli.Usagef("-out-format %q: want backprop or network2", cfg.outFormat)
	}
	if cfg.threads < 0 {
		return nil, cli.Usagef("-threads %d: must be 0 (every core) or more", cfg.threads)
	}
	if cfg.trainN < 0 {
		return nil, cli.Usagef("-train-n %d: must not be negative", cfg.trainN)
	}
	if _, ok := products[cfg.impl]; !ok && cfg.impl != "auto" {
		return nil, cli.Usagef("-impl %q: want auto, %s", cfg.impl, strings.Join(implNames(), ", "))
	}
	if cfg.evalOnly && cfg.load == "" {
		return nil, cli.Usagef("-eval needs -load: there is no trained model to evaluate")
	}
	if cfg.load != "" && (set["sizes"] || set["hidden"]) {
		return nil, cli.Usagef("-load takes the layer sizes from the model; drop -sizes/-hidden")
	}
	for _, f := range []string{"activation", "output-activation", "cost", "init"} {
		if cfg.load != "" && set[f] {
			return nil, cli.Usagef("-load takes the activations, cost and weights from the model; drop -%s", f)
		}
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
	"Lambda":       {"-lambda", ""},
	"Activations":  {"-activation", ""},
	"Cost":         {"-cost", ""},
	"Init":         {"-init", ""},
	"Patience":     {"-patience", ""},
	"Schedule":     {"-schedule", ""},
	"Dropout":      {"-dropout", ""},
}

// parse reads the model flags; set tells which were given.
func (m *model) parse(set map[string]bool, hidden, output, cost, init string) error {
	var err error
	if set["activation"] {
		if m.hidden, err = activationFlag("-activation", hidden); err != nil {
			return err
		}
	}
	if set["cost"] {
		c, ok := nn.CostByName(cost)
		if !ok {
			return cli.Usagef("-cost %q: want one of %s", cost, strings.Join(nn.CostNames(), ", "))
		}
		m.cost = c
	}
	switch {
	case set["output-activation"]:
		if m.output, err = activationFlag("-output-activation", output); err != nil {
			return err
		}
	case cost == (nn.LogLikelihood{}).Name():
		m.output = nn.Softmax{}
	}
	if set["init"] {
		if m.init, err = nn.ParseInit(init); err != nil {
			return settingUsage(err)
		}
	}
	return nil
}

// parseSchedule reads -schedule: constant, step:N:F or plateau[:N:F:S].
func parseSchedule(s string) (nn.Schedule, error) {
	parts := strings.Split(s, ":")
	nums := make([]float64, len(parts)-1)
	for i, p := range parts[1:] {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return nil, cli.Usagef("-schedule %s: %q is not a number", s, p)
		}
		nums[i] = v
	}
	switch {
	case s == "constant":
		return nil, nil
	case parts[0] == "step" && len(nums) == 2:
		return nn.StepDecay{Every: int(nums[0]), Factor: nums[1]}, nil
	case parts[0] == "plateau" && len(nums) == 0:
		return &nn.Plateau{}, nil
	case parts[0] == "plateau" && len(nums) == 3:
		return &nn.Plateau{Patience: int(nums[0]), Factor: nums[1], Stop: nums[2]}, nil
	}
	return nil, cli.Usagef("-schedule %s: want constant, step:N:F or plateau[:N:F:S]", s)
}

// stepRule returns the rule -optimizer names, nil for the seed's SGD.
func stepRule(set map[string]bool, name string, mu float64) (nn.StepRule, error) {
	var rule nn.StepRule
	switch name {
	case "sgd":
	case "momentum", "nesterov":
		if !(mu > 0 && mu < 1) {
			return nil, cli.Usagef("-momentum %v: must be between 0 and 1", mu)
		}
		rule = &nn.Momentum{Mu: mu, Nesterov: name == "nesterov"}
	case "adam":
		rule = &nn.Adam{}
	default:
		return nil, cli.Usagef("-optimizer %q: want sgd, momentum, nesterov or adam", name)
	}
	if set["momentum"] && name != "momentum" && name != "nesterov" {
		return nil, cli.Usagef("-momentum goes with -optimizer momentum or nesterov, not %s", name)
	}
	return rule, nil
}

func activationFlag(flag, name string) (nn.Activation, error) {
	a, ok := nn.ActivationByName(name)
	if !ok {
		return nil, cli.Usagef("%s %q: want one of %s", flag, name, strings.Join(nn.ActivationNames(), ", "))
	}
	return a, nil
}

// hiddenNames lists the activations a hidden layer may have.
func hiddenNames() []string {
	var names []string
	for _, name := range nn.ActivationNames() {
		if name != (nn.Softmax{}).Name() {
			names = append(names, name)
		}
	}
	return names
}

// settingUsage turns nn's verdict on the settings into a usage error that
// names the flag.
func settingUsage(err error) error {
	var se *nn.SettingError
	if errors.As(err, &se) {
		if f, ok := settingFlags[se.Setting]; ok {
			return cli.Usagef("%s %v: %s%s", f.flag, se.Value, se.Reason, f.hint)
		}
	}
	return cli.Usage(err)
}

// parseSizes reads a comma-separated list of positive layer sizes.
func parseSizes(flagName, s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, cli.Usagef("%s %s: %q is not a positive whole number", flagName, s, f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
