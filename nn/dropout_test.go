package nn_test

import (
	"context"
	"testing"

	"github.com/vzorecky/backprop/nn"
)

func trainWith(t *testing.T, s nn.Settings) *nn.Network {
	t.Helper()
	sizes := []int{6, 8, 7, 3}
	x, y := randomBatch(sizes, 200, 61)
	net := mustNew(t, sizes, 62)
	net.SetActivations(nn.ReLU{}, nn.Softmax{})
	net.Cost = nn.LogLikelihood{}
	s.Epochs, s.BatchSize, s.LearningRate = 3, 10, 0.1
	if err := net.Train(context.Background(), &nn.Dataset{X: x, Y: y}, s); err != nil {
		t.Fatal(err)
	}
	return net
}

func TestDropoutRateZeroChangesNothing(t *testing.T) {
	plain := trainWith(t, nn.Settings{})
	zero := trainWith(t, nn.Settings{Dropout: 0, DropoutRand: newRand(1)})
	sameParams(t, zero, plain, 0, "dropout at rate 0 changed the training")
}

func TestDropoutIsSeeded(t *testing.T) {
	a := trainWith(t, nn.Settings{Dropout: 0.3, DropoutRand: newRand(5)})
	b := trainWith(t, nn.Settings{Dropout: 0.3, DropoutRand: newRand(5)})
	sameParams(t, b, a, 0, "the same seed gave other weights")
	c := trainWith(t, nn.Settings{Dropout: 0.3, DropoutRand: newRand(6)})
	plain := trainWith(t, nn.Settings{})
	wa, _ := a.Params()
	wc, _ := c.Params()
	wp, _ := plain.Params()
	if wa[0].At(0, 0) == wc[0].At(0, 0) || wa[0].At(0, 0) == wp[0].At(0, 0) {
		t.Error("another seed, or no dropout, gave the same weights")
	}
	if a.Trained.Dropout != 0.3 {
		t.Errorf("training record says dropout %v", a.Trained.Dropout)
	}
}

// TestDropoutStepsAllocateNothing compares a shuffled epoch with dropout
// over 1,000 and 2,000 samples: the extra mini-batches allocate nothing.
func TestDropoutStepsAllocateNothing(t *testing.T) {
	sizes := []int{20, 8, 3}
	allocs := func(n int) float64 {
		x, y := randomBatch(sizes, n, 4)
		net := mustNew(t, sizes, 1)
		data := &nn.Dataset{X: x, Y: y}
		rng, drop := newRand(5), newRand(6)
		return testing.AllocsPerRun(5, func() {
			err := net.Train(context.Background(), data, nn.Settings{Epochs: 1, BatchSize: 10, LearningRate: 1, Shuffle: rng, Dropout: 0.5, DropoutRand: drop})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	if small, large := allocs(1000), allocs(2000); large-small >= 2 {
		t.Errorf("an epoch of 100 mini-batches allocates %v times, of 200 %v times: the steps allocate", small, large)
	}
}
