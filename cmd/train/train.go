package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// execute does what cfg asks: load the data and the network, then train
// or evaluate.
func (cfg *config) execute(ctx context.Context, stdout, stderr io.Writer) error {
	start := time.Now()
	if err := cfg.checkOut(); err != nil {
		return err
	}
	data, err := cfg.loadData()
	if err != nil {
		return err
	}
	net, err := cfg.network()
	if err != nil {
		return err
	}
	valid, test := data.Validation.Dataset(), data.Test.Dataset()
	if cfg.evalOnly {
		return evaluate(stdout, net, valid, test)
	}

	trainSet := data.Train.Dataset()
	order := "shuffled"
	if cfg.noShuffle {
		order = "in order"
	}
	fmt.Fprintf(stdout, "training %v on %d images: epochs %d, batch %d, eta %v, seed %d, %s products, %s\n",
		net.Sizes(), trainSet.Len(), cfg.epochs, cfg.batch, cfg.eta, cfg.seed, implName(net.BLAS), order)
	if !cfg.quiet {
		fmt.Fprintf(stdout, "%5s %9s %9s %11s %9s\n", "epoch", "seconds", "cost", "validation", "test")
	}
	var (
		best, final     float64
		bestEpoch, done int
		trainTime       time.Duration
		bar             = newProgress(stderr, cfg.quiet)
	)
	settings := nn.Settings{
		Epochs:       cfg.epochs,
		BatchSize:    cfg.batch,
		LearningRate: cfg.eta,
		Eval:         valid,
		Progress:     bar.update,
		Report: func(r nn.EpochReport) error {
			bar.finish()
			e, err := net.Evaluate(test)
			if err != nil {
				return err
			}
			done, trainTime, final = r.Epoch, trainTime+r.Duration, e.Accuracy()
			if final > best {
				best, bestEpoch = final, r.Epoch
			}
			if !cfg.quiet {
				fmt.Fprintf(stdout, "%5d %9.3f %9.5f %10.2f%% %8.2f%%\n", r.Epoch, r.Duration.Seconds(), r.TrainCost, 100*r.Eval.Accuracy(), 100*final)
			}
			bar.start(r.Epoch+1, trainSet.Len())
			return nil
		},
	}
	if !cfg.noShuffle {
		settings.Shuffle = rand.New(rand.NewPCG(cfg.seed, shuffleStream))
	}
	bar.start(1, trainSet.Len())
	err = net.Train(ctx, trainSet, settings)
	bar.finish()
	if errors.Is(err, context.Canceled) {
		saved := ""
		if cfg.out != "" {
			if err := net.SaveFile(cfg.out); err != nil {
				return fmt.Errorf("interrupted, and saving the model failed: %w", err)
			}
			saved = "; model so far saved to " + cfg.out
		}
		return fmt.Errorf("interrupted after %d complete epochs%s: %w", done, saved, err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "best test accuracy %.2f%% (epoch %d), final %.2f%%; training %.1fs, total %.1fs\n",
		100*best, bestEpoch, 100*final, trainTime.Seconds(), time.Since(start).Seconds())
	if cfg.out != "" {
		if err := net.SaveFile(cfg.out); err != nil {
			return fmt.Errorf("saving the model: %w", err)
		}
		fmt.Fprintf(stdout, "model saved to %s\n", cfg.out)
	}
	return nil
}

// The PCG streams of the two random sources a seed starts, so that the
// initial weights and the shuffling never share numbers.
const (
	weightStream  = 1
	shuffleStream = 2
)

// checkOut makes sure a model can be saved to -out before training for it:
// a temporary file goes into the folder and is removed again.
func (cfg *config) checkOut() error {
	if cfg.out == "" {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(cfg.out), ".train-check-*")
	if err != nil {
		return &usageError{fmt.Errorf("-out %s: cannot write there: %w", cfg.out, err)}
	}
	f.Close()
	return os.Remove(f.Name())
}

func (cfg *config) loadData() (*mnist.Data, error) {
	var data *mnist.Data
	var err error
	if cfg.dataDir == "" {
		data, err = mnist.Load()
	} else if data, err = mnist.LoadDir(cfg.dataDir); err != nil {
		return nil, &usageError{fmt.Errorf("-data %s: %w", cfg.dataDir, err)}
	}
	if err != nil {
		return nil, err
	}
	if cfg.trainN > data.Train.Len() {
		return nil, usagef("-train-n %d: there are only %d training images", cfg.trainN, data.Train.Len())
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
			return nil, &usageError{fmt.Errorf("-load: %w", err)}
		}
		if s := net.Sizes(); s[0] != 784 || s[len(s)-1] != mnist.Classes {
			return nil, usagef("-load %s: the model's sizes %v do not fit MNIST (784 inputs, %d outputs)", cfg.load, s, mnist.Classes)
		}
	} else if net, err = nn.New(cfg.sizes, rand.New(rand.NewPCG(cfg.seed, weightStream))); err != nil {
		return nil, &usageError{fmt.Errorf("-sizes: %w", err)}
	}
	net.BLAS = mat.Default()
	if cfg.impl != "auto" {
		net.BLAS = products[cfg.impl]
	}
	return net, nil
}

func evaluate(stdout io.Writer, net *nn.Network, sets ...*nn.Dataset) error {
	for i, name := range []string{"validation", "test"} {
		e, err := net.Evaluate(sets[i])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-10s accuracy %.2f%% (%d/%d), cost %.5f\n", name, 100*e.Accuracy(), e.Correct, e.N, e.Cost)
	}
	return nil
}
