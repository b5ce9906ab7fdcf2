package nn_test

import (
	"context"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// gathered is a Dataset that training cannot read in place: every batch
// goes through Gather, as compact samples such as mnist's do.
type gathered struct{ d *nn.Dataset }

func (g gathered) Dims() (n, in, out int)                { return g.d.Dims() }
func (g gathered) Gather(x, y *mat.Dense, indices []int) { g.d.Gather(x, y, indices) }

// TestGatheredSamplesTrainAlike checks that training and evaluating
// through Gather give what reading the Dataset in place gives, bit for
// bit, shuffled or not, with a last mini-batch shorter than the others.
func TestGatheredSamplesTrainAlike(t *testing.T) {
	sizes := []int{6, 5, 3}
	x, y := randomBatch(sizes, 1234, 31)
	data := &nn.Dataset{X: x, Y: y}
	for _, shuffle := range []bool{false, true} {
		var nets [2]*nn.Network
		var evals [2]nn.Evaluation
		for i, samples := range []nn.Samples{data, gathered{data}} {
			nets[i] = mustNew(t, sizes, 8)
			s := nn.Settings{Epochs: 2, BatchSize: 7, LearningRate: 0.5, Eval: samples}
			if shuffle {
				s.Shuffle = newRand(9)
			}
			s.Report = func(r nn.EpochReport) error { evals[i] = r.Eval; return nil }
			if err := nets[i].Train(context.Background(), samples, s); err != nil {
				t.Fatal(err)
			}
		}
		sameParams(t, nets[1], nets[0], 0, "training through Gather differs from training in place")
		if evals[0] != evals[1] {
			t.Errorf("shuffle %t: evaluations %+v in place, %+v gathered", shuffle, evals[0], evals[1])
		}
	}
}

func TestSamplesChecked(t *testing.T) {
	net := mustNew(t, []int{6, 5, 3}, 1)
	x, y := randomBatch([]int{6, 5, 3}, 4, 1)
	ok := nn.Settings{Epochs: 1, BatchSize: 2, LearningRate: 1}
	wide, _ := randomBatch([]int{7, 3}, 4, 1)
	tests := []struct {
		name string
		data nn.Samples
		err  error
	}{
		{"none", gathered{&nn.Dataset{X: x, Y: y}}, nil},
		{"nil", nil, nn.ErrNoSamples},
		{"inputs", gathered{&nn.Dataset{X: wide, Y: y}}, nn.ErrShape},
		{"targets", gathered{&nn.Dataset{X: x, Y: x}}, nn.ErrShape},
	}
	for _, tt := range tests {
		err := net.Train(context.Background(), tt.data, ok)
		if tt.err == nil && err != nil || tt.err != nil && !contains(err, tt.err.Error()) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
	}
}
