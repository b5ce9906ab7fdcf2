package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// report writes what a training run shows: a header, a line per epoch and
// the result, and saves the model at the end.
type report struct {
	cfg    *config
	in     *interrupts
	stdout io.Writer
	stderr io.Writer
	net    *nn.Network
	test   *mnist.Set
	bar    *progress
	images int // in the training set

	best, final     float64 // test accuracies
	bestEpoch, done int
	trainTime       time.Duration
	last            *nn.Network // a copy of the network an interrupt saves
	lastEpoch       int         // the epoch of last
	lastAccuracy    float64     // its test accuracy
	lastKept        int         // the epoch whose network early stopping keeps
}

func newReport(cfg *config, in *interrupts, stdout, stderr io.Writer, net *nn.Network, test *mnist.Set) *report {
	return &report{cfg: cfg, in: in, stdout: stdout, stderr: stderr, net: net, test: test, bar: newProgress(stderr, cfg.quiet)}
}

// header says what is about to be trained, and how.
func (r *report) header(images int) {
	r.images = images
	r.cfg.pictures.start(r.cfg, r.net.Sizes(), images)
	s, order := &r.cfg.settings, "shuffled"
	if r.cfg.noShuffle {
		order = "in order"
	}
	fmt.Fprintf(r.stdout, "training %v on %d images: epochs %d, batch %d, eta %v, seed %d, %s products, %s\n",
		r.net.Sizes(), images, s.Epochs, s.BatchSize, s.LearningRate, r.cfg.seed, implName(r.net.BLAS), order)
	if d := r.cfg.model.describe(*s); d != "" {
		fmt.Fprintf(r.stdout, "model: %s\n", d)
	}
	if !r.cfg.quiet {
		fmt.Fprintf(r.stdout, "%5s %9s %9s %11s %9s", "epoch", "seconds", "cost", "validation", "test")
		if s.MonitorTraining {
			fmt.Fprintf(r.stdout, " %10s %10s %9s", "val. cost", "train cost", "training")
		}
		fmt.Fprintln(r.stdout)
	}
}

// epoch is the nn.Settings.Report callback: it evaluates the test set and
// writes the epoch's line.
func (r *report) epoch(e nn.EpochReport) error {
	r.bar.finish()
	t, err := r.net.Evaluate(r.test.Samples())
	if err != nil {
		return err
	}
	r.done, r.trainTime, r.final = e.Epoch, r.trainTime+e.Duration, t.Accuracy()
	if e.Best {
		r.lastKept = e.Epoch
	}
	if r.cfg.out != "" && (r.cfg.settings.Patience == 0 || e.Best) {
		// What an interrupt in the next epoch saves: this evaluated state,
		// not what the interrupted mini-batch leaves; with early stopping,
		// the best one.
		if r.last, err = copyNetwork(r.net); err != nil {
			return err
		}
		r.lastEpoch, r.lastAccuracy = e.Epoch, r.final
	}
	if r.final > r.best {
		r.best, r.bestEpoch = r.final, e.Epoch
	}
	if !r.cfg.quiet {
		fmt.Fprintf(r.stdout, "%5d %9.3f %9.5f %10.2f%% %8.2f%%", e.Epoch, e.Duration.Seconds(), e.TrainCost, 100*e.Eval.Accuracy(), 100*r.final)
		if r.cfg.settings.MonitorTraining {
			fmt.Fprintf(r.stdout, " %10.5f %10.5f %8.2f%%", e.Eval.Cost, e.Train.Cost, 100*e.Train.Accuracy())
		}
		fmt.Fprintln(r.stdout)
	}
	if err := r.cfg.pictures.epoch(e, r.final); err != nil {
		// A chart is not worth a long run: say so, and train on.
		fmt.Fprintf(r.stderr, "train: %v (training goes on)\n", err)
	}
	r.bar.start(e.Epoch+1, r.images)
	return nil
}

// finish ends the run that Train ended with err: it writes the result and
// saves the model to -out, also when interrupted.
func (r *report) finish(err error, start time.Time) error {
	out := r.cfg.out
	if errors.Is(err, context.Canceled) {
		switch {
		case out == "":
			return fmt.Errorf("interrupted after %d complete epochs: %w", r.done, err)
		case r.last == nil:
			return fmt.Errorf("interrupted before the first epoch ended: nothing saved, %s left as it was: %w", out, err)
		}
		if err := r.save(r.last); err != nil {
			return fmt.Errorf("interrupted, and saving the model failed: %w", err)
		}
		return fmt.Errorf("interrupted in epoch %d: saved the model of epoch %d (test accuracy %.2f%%) to %s: %w", r.done+1, r.lastEpoch, 100*r.lastAccuracy, out, err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "best test accuracy %.2f%% (epoch %d), final %.2f%%; training %.1fs, total %.1fs\n",
		100*r.best, r.bestEpoch, 100*r.final, r.trainTime.Seconds(), time.Since(start).Seconds())
	if r.cfg.settings.Patience > 0 {
		t, err := r.net.Evaluate(r.test.Samples())
		if err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "early stopping kept the network of epoch %d (best validation accuracy): test accuracy %.2f%%\n", r.lastKept, 100*t.Accuracy())
	}
	if out != "" {
		if err := r.save(r.net); err != nil {
			return fmt.Errorf("saving the model: %w", err)
		}
		fmt.Fprintf(r.stdout, "model saved to %s\n", out)
	}
	return r.cfg.pictures.results(r.stdout, r.net, r.test)
}

// save writes net to -out in the -out-format.
func (r *report) save(net *nn.Network) error {
	return r.in.save(func() error {
		if r.cfg.outFormat == "network2" {
			return net.SaveNetwork2File(r.cfg.out)
		}
		return net.SaveFile(r.cfg.out)
	})
}

// copyNetwork returns a copy of net's parameters, activations, cost and
// training record.
func copyNetwork(net *nn.Network) (*nn.Network, error) {
	c, err := nn.NewFromParams(net.Params())
	if err != nil {
		return nil, err
	}
	c.Activations, c.Cost, c.Trained = net.Activations, net.Cost, net.Trained
	return c, nil
}
