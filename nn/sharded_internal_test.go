package nn

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/vzorecky/backprop/mat"
)

// compact is Samples that are not a Dataset, as mnist's are: training
// gathers them.
type compact struct{ *Dataset }

// TestWhichStepsAreSharded checks when training takes the sharded step:
// on several cores, with SGD and without dropout, on gathered samples,
// an element-wise first activation and a first layer of 16 neurons or
// more, and only for batches whose products Tuned does not split
// itself; and where the shards begin.
func TestWhichStepsAreSharded(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, tc := range []struct {
		name   string
		sizes  []int
		change func(*Network, *Settings)
		batch  int
		bounds []int // nil: not sharded
	}{
		{"the seed's network", []int{784, 30, 10}, nil, 10, []int{0, 15, 30}},
		{"batch 100", []int{784, 30, 10}, nil, 100, []int{0, 15, 30}},
		{"batch 1", []int{784, 30, 10}, nil, 1, []int{0, 15, 30}},
		{"100 neurons", []int{784, 100, 10}, nil, 10, []int{0, 51, 100}},
		{"three threads", []int{784, 100, 10}, func(n *Network, _ *Settings) { n.BLAS = mat.Tuned{Threads: 3} }, 10, []int{0, 33, 66, 100}},
		{"more threads than GOMAXPROCS", []int{784, 30, 10}, func(n *Network, _ *Settings) { n.BLAS = mat.Tuned{Threads: 9} }, 10, []int{0, 9, 21, 30}},
		{"as many shards as eights of neurons", []int{784, 17, 10}, func(n *Network, _ *Settings) { n.BLAS = mat.Tuned{Threads: 4} }, 10, []int{0, 9, 17}},
		{"a first layer whose products Tuned would split", []int{784, 800, 10}, nil, 100, []int{0, 399, 800}},
		{"a layer above whose products Tuned splits", []int{20, 30, 1000, 1000, 10}, nil, 100, nil},
		{"batch 256", []int{784, 800, 10}, nil, 256, nil},
		{"one thread", []int{784, 30, 10}, func(n *Network, _ *Settings) { n.BLAS = mat.Tuned{Threads: 1} }, 10, nil},
		{"gonum", []int{784, 30, 10}, func(n *Network, _ *Settings) { n.BLAS = mat.Gonum{} }, 10, nil},
		{"momentum", []int{784, 30, 10}, func(_ *Network, s *Settings) { s.StepRule = &Momentum{} }, 10, nil},
		{"dropout", []int{784, 30, 10}, func(_ *Network, s *Settings) { s.Dropout = 0.5 }, 10, nil},
		{"softmax first", []int{784, 30, 10}, func(n *Network, _ *Settings) { n.SetActivations(Softmax{}, Sigmoid{}) }, 10, nil},
		{"one layer", []int{784, 30}, nil, 10, nil},
		{"15 neurons", []int{784, 15, 10}, nil, 10, nil},
		{"a Dataset read in place", []int{784, 30, 10}, func(_ *Network, s *Settings) { s.Shuffle = nil }, 10, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := New(tc.sizes, rand.New(rand.NewPCG(1, 2)))
			if err != nil {
				t.Fatal(err)
			}
			n.BLAS = mat.Tuned{Threads: 2}
			s := Settings{Epochs: 1, BatchSize: tc.batch, LearningRate: 1, Shuffle: rand.New(rand.NewPCG(3, 4))}
			if tc.change != nil {
				tc.change(n, &s)
			}
			var data Samples = compact{&Dataset{X: mat.NewDense(300, tc.sizes[0], nil), Y: mat.NewDense(300, tc.sizes[len(tc.sizes)-1], nil)}}
			if s.Shuffle == nil {
				data = data.(compact).Dataset
			}
			tr := newTrainer(n, data, s)
			if sharded := tr.shards(tc.batch); sharded != (tc.bounds != nil) {
				t.Fatalf("sharded: %v, want %v", sharded, tc.bounds != nil)
			}
			if tc.bounds == nil {
				return
			}
			tr.startShards()
			defer tr.stopShards()
			for k, s := range tr.shardParts {
				if s.lo != tc.bounds[k] || s.hi != tc.bounds[k+1] {
					t.Errorf("shard %d: [%d, %d), want [%d, %d)", k, s.lo, s.hi, tc.bounds[k], tc.bounds[k+1])
				}
			}
			if len(tr.shardParts) != len(tc.bounds)-1 {
				t.Errorf("%d shards, want %d", len(tr.shardParts), len(tc.bounds)-1)
			}
		})
	}
}
