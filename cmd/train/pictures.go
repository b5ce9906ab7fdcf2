package main

import (
	"fmt"
	"image/png"
	"io"
	"strings"

	"github.com/vzorecky/backprop/internal/atomicfile"
	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
	"github.com/vzorecky/backprop/viz"
)

// pictures are the files -plot and -errors ask for.
type pictures struct {
	plot, plotFormat string
	errors           string
	curves           viz.LearningCurves // the run so far, for -plot
}

// mistakesShown is how many mistakes -errors draws, ten to a row.
const mistakesShown = 50

// check refuses, before any work, a picture that could not be written.
func (p *pictures) check(evalOnly bool) error {
	if p.plot != "" {
		if evalOnly {
			return cli.Usagef("-plot draws the epochs of training; with -eval there are none")
		}
		var err error
		if p.plotFormat, err = viz.FormatOf(p.plot); err != nil {
			return cli.Usagef("-plot %v", err)
		}
	}
	if p.errors != "" && !strings.HasSuffix(strings.ToLower(p.errors), ".png") {
		return cli.Usagef("-errors %q: the name must end in .png", p.errors)
	}
	if err := checkWritable("-plot", p.plot); err != nil {
		return err
	}
	return checkWritable("-errors", p.errors)
}

// start sets the chart's title and curves for a run.
func (p *pictures) start(cfg *config, sizes []int, images int) {
	s := &cfg.settings
	title := fmt.Sprintf("%v on %d MNIST images: batch %d, η = %v, seed %d", sizes, images, s.BatchSize, s.LearningRate, cfg.seed)
	if d := cfg.model.describe(*s); d != "" {
		title += "\n" + d
	}
	p.curves = viz.LearningCurves{
		Title:      title,
		Costs:      []viz.Curve{{Name: "training cost (during the epoch)"}},
		Accuracies: []viz.Curve{{Name: "validation"}, {Name: "test"}},
	}
	if s.MonitorTraining {
		p.curves.Costs = append(p.curves.Costs, viz.Curve{Name: "validation cost"}, viz.Curve{Name: "training set cost"})
		p.curves.Accuracies = append(p.curves.Accuracies, viz.Curve{Name: "training"})
	}
}

// epoch adds an epoch to the chart and rewrites -plot, so that a long run
// can be watched.
func (p *pictures) epoch(e nn.EpochReport, test float64) error {
	if p.plot == "" {
		return nil
	}
	add := func(c []viz.Curve, values ...float64) {
		for i, v := range values[:len(c)] {
			c[i].Values = append(c[i].Values, v)
		}
	}
	add(p.curves.Costs, e.TrainCost, e.Eval.Cost, e.Train.Cost)
	add(p.curves.Accuracies, 100*e.Eval.Accuracy(), 100*test, 100*e.Train.Accuracy())
	err := atomicfile.Write(p.plot, 0o644, func(w io.Writer) error { return p.curves.Write(w, p.plotFormat) })
	if err != nil {
		return fmt.Errorf("-plot: %w", err)
	}
	return nil
}

// results prints the test set's confusion matrix and draws its mistakes
// to -errors.
func (p *pictures) results(stdout io.Writer, net *nn.Network, test *mnist.Set) error {
	ps, err := net.Classify(test.Samples())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "confusion matrix of the %d test images (rows: true digit, columns: predicted):\n%s",
		len(ps), nn.NewConfusionOf(mnist.Classes, ps))
	if p.errors == "" {
		return nil
	}
	wrong := nn.Mistakes(ps)
	cells := make([]viz.Cell, min(len(wrong), mistakesShown))
	for i := range cells {
		w := wrong[i]
		cells[i] = viz.Cell{Image: test.Image(w.Index), Caption: fmt.Sprintf("%d as %d %s", w.Truth, w.Predicted, confidence(w.Confidence))}
	}
	title := fmt.Sprintf("The %d most confident of %d mistakes on %d test images: true digit as predicted (output)", len(cells), len(wrong), len(ps))
	grid := viz.Grid{Title: title}.Draw(cells)
	if err := atomicfile.Write(p.errors, 0o644, func(w io.Writer) error { return png.Encode(w, grid) }); err != nil {
		return fmt.Errorf("-errors: %w", err)
	}
	fmt.Fprintf(stdout, "%d mistakes drawn to %s\n", len(cells), p.errors)
	return nil
}

// confidence formats an output for a caption: two decimals without the
// leading zero, "1.0" when it rounds to 1.
func confidence(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	if s == "1.00" {
		return "1.0"
	}
	return strings.TrimPrefix(s, "0")
}
