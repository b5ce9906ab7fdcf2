package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/vzorecky/backprop/internal/atomicfile"
	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// execute does what cfg asks: load the data and the network, then train
// or evaluate.
func (cfg *config) execute(ctx context.Context, in *interrupts, stdout, stderr io.Writer) error {
	start := time.Now()
	if err := cfg.checkOut(); err != nil {
		return err
	}
	if err := cfg.pictures.check(cfg.evalOnly); err != nil {
		return err
	}
	if testHookStartup != nil {
		testHookStartup(ctx)
	}
	data, err := cfg.loadData()
	if err != nil {
		return err
	}
	net, err := cfg.network()
	if err != nil {
		return err
	}
	// The sets stay bytes; rows become float64 only as they are gathered.
	valid, test := data.Validation.Samples(), data.Test.Samples()
	if cfg.evalOnly {
		if err := evaluate(stdout, net, valid, test); err != nil {
			return err
		}
		return cfg.pictures.results(stdout, net, data.Test)
	}

	trainSet := data.Train.Samples()
	r := newReport(cfg, in, stdout, stderr, net, data.Test)
	r.header(data.Train.Len())
	s := cfg.settings
	s.Eval, s.Progress, s.Report = valid, r.bar.update, r.epoch
	if !cfg.noShuffle {
		s.Shuffle = rand.New(rand.NewPCG(cfg.seed, shuffleStream))
	}
	r.bar.start(1, r.images)
	err = net.Train(ctx, trainSet, s)
	r.bar.finish()
	return r.finish(err, start)
}

// The PCG streams of the two random sources a seed starts, so that the
// initial weights and the shuffling never share numbers.
const (
	weightStream  = 1
	shuffleStream = 2
	dropoutStream = 3
)

// checkOut makes sure a model can be saved to -out before any work.
func (cfg *config) checkOut() error { return checkWritable("-out", cfg.out) }

// checkWritable makes sure the file a flag names, if any, can be written:
// it is a regular file, or a link to one, or new, in a folder that takes
// new files.
func checkWritable(flag, path string) error {
	if path == "" {
		return nil
	}
	if err := atomicfile.Check(path); err != nil {
		return cli.Usagef("%s %s: cannot write there: %v", flag, path, err)
	}
	return nil
}

func (cfg *config) loadData() (*mnist.Data, error) {
	var data *mnist.Data
	var err error
	if cfg.dataDir == "" {
		data, err = mnist.Load()
	} else if data, err = mnist.LoadDir(cfg.dataDir); err != nil {
		return nil, cli.Usage(fmt.Errorf("-data %s: %w", cfg.dataDir, err))
	}
	if err != nil {
		return nil, err
	}
	if r, c := data.Train.Rows, data.Train.Cols; r*c != mnist.Pixels {
		return nil, cli.Usagef("-data %s: %s holds %d×%d images, a network for MNIST reads 28×28", cfg.dataDir, mnist.TrainImagesFile, r, c)
	}
	if cfg.trainN > data.Train.Len() {
		return nil, cli.Usagef("-train-n %d: there are only %d training images", cfg.trainN, data.Train.Len())
	}
	if cfg.trainN > 0 {
		data.Train = data.Train.Slice(0, cfg.trainN)
	}
	return data, nil
}

func (cfg *config) network() (*nn.Network, error) {
	var net *nn.Network
	var err error
	if cfg.load != "" {
		if net, err = nn.LoadFile(cfg.load); err != nil {
			return nil, cli.Usage(fmt.Errorf("-load: %w", err))
		}
		if s := net.Sizes(); !fitsMNIST(s) {
			return nil, cli.Usagef("-load %s: the model's sizes %v do not fit MNIST (%d inputs, %d outputs)", cfg.load, s, mnist.Pixels, mnist.Classes)
		}
		if err := cfg.checkMemory(net.Sizes()); err != nil {
			return nil, err
		}
	} else {
		if err := cfg.checkMemory(cfg.sizes); err != nil {
			return nil, err
		}
		init := cfg.model.init
		if init == "" {
			init = nn.InitNormal
		}
		if net, err = nn.NewInit(cfg.sizes, init, rand.New(rand.NewPCG(cfg.seed, weightStream))); err != nil {
			return nil, cli.Usage(fmt.Errorf("-sizes: %w", err))
		}
		if cfg.model.hidden != nil || cfg.model.output != nil {
			net.Activations = cfg.model.activations(len(cfg.sizes) - 1)
		}
		net.Cost = cfg.model.cost
	}
	if cfg.outFormat == "network2" && cfg.out != "" {
		// Refused now, not after training: a model must not be lost.
		if err := net.SaveNetwork2(io.Discard); err != nil {
			return nil, cli.Usagef("-out-format network2: %v", err)
		}
	}
	net.BLAS = mat.Default()
	if cfg.impl != "auto" {
		net.BLAS = products[cfg.impl]
	}
	net.BLAS = withThreads(net.BLAS, cfg.threads)
	return net, nil
}

func evaluate(stdout io.Writer, net *nn.Network, sets ...nn.Samples) error {
	for i, name := range []string{"validation", "test"} {
		e, err := net.Evaluate(sets[i])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-10s accuracy %.2f%% (%d/%d), cost %.5f\n", name, 100*e.Accuracy(), e.Correct, e.N, e.Cost)
	}
	return nil
}
