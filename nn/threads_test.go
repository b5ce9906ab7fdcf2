package nn_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// TestSameWeightsOnAnyNumberOfCores trains one epoch, shuffled, with the
// default products (every core) under GOMAXPROCS 1, 2 and 3, and with
// Tuned's Threads set: the weights are the same, bit for bit. At batch 60
// the steps are shared between the cores by neurons (a sharded step); at
// batch 300 the products are split between them, the layers being wide
// enough and the batch large enough.
func TestSameWeightsOnAnyNumberOfCores(t *testing.T) {
	// 150,000 weights, more than a core keeps in its cache, and products of
	// 45,000,000 multiply-adds on a batch of 300: Tuned splits them.
	sizes := []int{600, 250, 10}
	x, y := randomBatch(sizes, 600, 11)
	for _, batch := range []int{60, 300} {
		train := func(procs int, blas mat.Tuned) *nn.Network {
			old := runtime.GOMAXPROCS(procs)
			defer runtime.GOMAXPROCS(old)
			net := mustNew(t, sizes, 12)
			net.BLAS = blas
			err := net.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
				Epochs: 1, BatchSize: batch, LearningRate: 0.5, Shuffle: newRand(13), Eval: &nn.Dataset{X: x, Y: y},
			})
			if err != nil {
				t.Fatal(err)
			}
			return net
		}
		want := train(1, mat.Tuned{})
		for _, tc := range []struct {
			name  string
			procs int
			blas  mat.Tuned
		}{
			{"GOMAXPROCS=2", 2, mat.Tuned{}},
			{"GOMAXPROCS=3", 3, mat.Tuned{}},
			{"Threads=2 on one core", 1, mat.Tuned{Threads: 2}},
			{"Threads=4", 2, mat.Tuned{Threads: 4}},
		} {
			sameParams(t, train(tc.procs, tc.blas), want, 0, fmt.Sprintf("batch %d, %s: weights differ from GOMAXPROCS=1", batch, tc.name))
		}
	}
}
