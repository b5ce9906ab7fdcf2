package nn_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestStepDecay(t *testing.T) {
	sizes := []int{3, 2}
	x, y := randomBatch(sizes, 10, 1)
	var rates []float64
	err := mustNew(t, sizes, 1).Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
		Epochs: 5, BatchSize: 5, LearningRate: 1, Schedule: nn.StepDecay{Every: 2, Factor: 0.5},
		Report: func(r nn.EpochReport) error { rates = append(rates, r.LearningRate); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rates) != "[1 1 0.5 0.5 0.25]" {
		t.Errorf("learning rates %v, want [1 1 0.5 0.5 0.25]", rates)
	}
}

// TestPlateau feeds the book's schedule accuracies by hand: ξ halves after
// two epochs without a better accuracy, and training stops once ξ is an
// eighth of where it started.
func TestPlateau(t *testing.T) {
	p := &nn.Plateau{Patience: 2, Stop: 8}
	eta := 1.0
	tests := []struct {
		correct int
		eta     float64
		stop    bool
	}{
		{50, 1, false},   // best
		{60, 1, false},   // better
		{60, 1, false},   // not better: 1 epoch
		{55, 0.5, false}, // 2 epochs: halve
		{70, 0.5, false}, // better
		{65, 0.5, false},
		{65, 0.25, false},
		{65, 0.25, false},
		{65, 0.125, true}, // an eighth: stop
	}
	for i, tt := range tests {
		var stop bool
		eta, stop = p.Next(nn.EpochReport{Epoch: i + 1, LearningRate: eta, Eval: nn.Evaluation{Correct: tt.correct, N: 100}})
		if eta != tt.eta || stop != tt.stop {
			t.Errorf("epoch %d: ξ = %v, stop %t; want %v, %t", i+1, eta, stop, tt.eta, tt.stop)
		}
	}
}

// TestEarlyStoppingKeepsTheBest trains with a learning rate high enough
// for the evaluation accuracy to rise and fall, and checks that training
// stops Patience epochs after the best and returns that epoch's network.
func TestEarlyStoppingKeepsTheBest(t *testing.T) {
	sizes := []int{5, 6, 3}
	x, y := randomBatch(sizes, 60, 71)
	ex, ey := randomBatch(sizes, 60, 72)
	net := mustNew(t, sizes, 73)
	var (
		params     [][]*mat.Dense
		accuracies []float64
	)
	const patience = 3
	err := net.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
		Epochs: 200, BatchSize: 4, LearningRate: 8, Shuffle: newRand(74),
		Eval: &nn.Dataset{X: ex, Y: ey}, Patience: patience,
		Report: func(r nn.EpochReport) error {
			w, _ := net.Params()
			params = append(params, w)
			accuracies = append(accuracies, r.Eval.Accuracy())
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	best := 0
	for i, a := range accuracies {
		if a > accuracies[best] {
			best = i
		}
	}
	last := len(accuracies) - 1
	t.Logf("accuracies %v, best at epoch %d", accuracies, best+1)
	if last == best || last == 199 {
		t.Fatalf("the accuracy did not fall after its best (epoch %d of %d): the test needs a peak", best+1, last+1)
	}
	if last != best+patience {
		t.Errorf("stopped after epoch %d, want %d: %d epochs after the best at %d", last+1, best+1+patience, patience, best+1)
	}
	w, _ := net.Params()
	for l := range w {
		if !mat.EqualApprox(w[l], params[best][l], 0) {
			t.Errorf("layer %d: the network is not the one of the best epoch", l+2)
		}
	}
}
