package nn_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// TestShardedStepsTrainAlike checks the sharded step that gathered
// mini-batches too small for Tuned to split take on several cores: its
// weights, biases and costs are those of the whole batch read in place on
// one thread, bit for bit, with every element-wise activation, both
// costs, L2, batches that leave a short last one, first layers whose
// shards end in a partial group of Tuned's kernels, and one whose whole
// products Tuned would split between cores. A shard's sums land
// where the whole batch's do only if each neuron's sums are taken by the
// same kernel in the same order.
func TestShardedStepsTrainAlike(t *testing.T) {
	// As many Ps as the most threads below, whatever the machine has.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, tc := range []struct {
		sizes   []int
		act     nn.Activation
		cost    nn.Cost
		lambda  float64
		batch   int
		threads int
	}{
		{[]int{40, 30, 10}, nn.Sigmoid{}, nn.Quadratic{}, 0, 10, 2},
		{[]int{40, 30, 10}, nn.Sigmoid{}, nn.Quadratic{}, 0, 1, 2},
		{[]int{40, 30, 10}, nn.Sigmoid{}, nn.CrossEntropy{}, 5, 100, 2},
		{[]int{40, 100, 10}, nn.Sigmoid{}, nn.Quadratic{}, 0, 10, 2},
		// Shards wide enough to step their own columns of the second
		// layer's weights.
		{[]int{40, 300, 10}, nn.Sigmoid{}, nn.Quadratic{}, 1, 10, 2},
		{[]int{40, 400, 20}, nn.Tanh{}, nn.Quadratic{}, 0, 100, 3},
		{[]int{40, 100, 10}, nn.Tanh{}, nn.Quadratic{}, 1, 33, 3},
		{[]int{40, 25, 17, 10}, nn.ReLU{}, nn.Quadratic{}, 0, 64, 2},
		{[]int{40, 47, 10}, nn.Identity{}, nn.Quadratic{}, 0, 255, 4},
		{[]int{40, 16, 10}, nn.Sigmoid{}, nn.Quadratic{}, 0, 7, 2},
		// Products Tuned would split between cores, whole.
		{[]int{784, 800, 10}, nn.Sigmoid{}, nn.Quadratic{}, 2, 100, 2},
	} {
		name := fmt.Sprintf("%v, %s, %s, λ %g, batch %d, %d threads", tc.sizes, tc.act.Name(), tc.cost.Name(), tc.lambda, tc.batch, tc.threads)
		t.Run(name, func(t *testing.T) {
			x, y := randomBatch(tc.sizes, 700, 91)
			data := &nn.Dataset{X: x, Y: y}
			var nets [2]*nn.Network
			var costs [2][]float64
			for i, run := range []struct {
				samples nn.Samples
				threads int
			}{{data, 1}, {gathered{data}, tc.threads}} {
				nets[i] = mustNew(t, tc.sizes, 8)
				nets[i].SetActivations(tc.act, nn.Sigmoid{})
				nets[i].Cost = tc.cost
				nets[i].BLAS = mat.Tuned{Threads: run.threads}
				s := nn.Settings{Epochs: 2, BatchSize: tc.batch, LearningRate: 0.05, Lambda: tc.lambda}
				s.Report = func(r nn.EpochReport) error { costs[i] = append(costs[i], r.TrainCost); return nil }
				if err := nets[i].Train(context.Background(), run.samples, s); err != nil {
					t.Fatal(err)
				}
			}
			sameParams(t, nets[1], nets[0], 0, "the sharded step differs from the whole batch's")
			for e := range costs[0] {
				if costs[0][e] != costs[1][e] {
					t.Errorf("epoch %d: cost %v sharded, %v whole", e+1, costs[1][e], costs[0][e])
				}
			}
		})
	}
}

// mapped is Samples that map their inputs' zeros: with Find on the
// gathered rows, or marking every group (a map that promises nothing).
type mapped struct {
	d   *nn.Dataset
	all bool
}

func (s mapped) Dims() (n, in, out int)                { return s.d.Dims() }
func (s mapped) Gather(x, y *mat.Dense, indices []int) { s.d.Gather(x, y, indices) }

func (s mapped) MapZeros(nz *mat.NonzeroGroups, indices []int) {
	_, in, out := s.d.Dims()
	x, y := mat.NewDense(len(indices), in, nil), mat.NewDense(len(indices), out, nil)
	s.d.Gather(x, y, indices)
	nz.Find(x)
	if s.all {
		for i := range indices {
			for j := range (in + 7) / 8 {
				nz.Set(i, j)
			}
		}
	}
}

// TestZeroMapsTrainAlike checks that a step sharded on samples that map
// their zeros (nn.ZeroMapper) trains as the whole batch read in place
// does, bit for bit: on inputs with blank groups as a digit has, at batch
// sizes where Tuned takes its sparse kernels and where it does not.
func TestZeroMapsTrainAlike(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	sizes := []int{784, 30, 10}
	x, y := randomBatch(sizes, 300, 92)
	raw := x.RawMatrix()
	for i := range raw.Rows {
		for g := 0; g < raw.Cols; g += 8 {
			if (i+g/8)%5 != 0 { // four groups in five blank
				clear(raw.Data[i*raw.Stride+g : i*raw.Stride+g+8])
			}
		}
	}
	data := &nn.Dataset{X: x, Y: y}
	for _, batch := range []int{10, 100} {
		var nets []*nn.Network
		for _, samples := range []nn.Samples{data, mapped{d: data}, mapped{d: data, all: true}} {
			net := mustNew(t, sizes, 8)
			threads := 2
			if samples == nn.Samples(data) {
				threads = 1
			}
			net.BLAS = mat.Tuned{Threads: threads}
			s := nn.Settings{Epochs: 2, BatchSize: batch, LearningRate: 0.5, Shuffle: newRand(3)}
			if err := net.Train(context.Background(), samples, s); err != nil {
				t.Fatal(err)
			}
			nets = append(nets, net)
		}
		sameParams(t, nets[1], nets[0], 0, fmt.Sprintf("batch %d: mapped zeros differ from the whole batch", batch))
		sameParams(t, nets[2], nets[0], 0, fmt.Sprintf("batch %d: a map of every group differs from the whole batch", batch))
	}
}

// prefetching is Samples that prefetch, and record which batches they
// gather and prefetch at each step of training.
type prefetching struct {
	d    *nn.Dataset
	mu   sync.Mutex
	step int // steps done so far, counted by Settings.Progress
	log  map[string][]string
}

func (s *prefetching) Dims() (n, in, out int) { return s.d.Dims() }

func (s *prefetching) Gather(x, y *mat.Dense, indices []int) {
	s.record("gather", indices)
	s.d.Gather(x, y, indices)
}

func (s *prefetching) Prefetch(indices []int) { s.record("prefetch", indices) }

func (s *prefetching) record(what string, indices []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := fmt.Sprintf("step %d %s", s.step, what)
	s.log[key] = append(s.log[key], fmt.Sprint(indices))
}

// TestShardedStepsPrefetch checks that in a sharded step each core
// prefetches the next mini-batch of the epoch, the one it gathers in the
// next step, and none after an epoch's last step; and that prefetching
// leaves the training as it was.
func TestShardedStepsPrefetch(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	sizes := []int{40, 30, 10}
	const samples, batch, epochs = 95, 10, 2
	x, y := randomBatch(sizes, samples, 93)
	data := &nn.Dataset{X: x, Y: y}
	pre := &prefetching{d: data, log: map[string][]string{}}
	var nets []*nn.Network
	for _, set := range []nn.Samples{gathered{data}, pre} {
		net := mustNew(t, sizes, 8)
		net.BLAS = mat.Tuned{Threads: 2}
		s := nn.Settings{Epochs: epochs, BatchSize: batch, LearningRate: 0.5, Shuffle: newRand(4)}
		if set == nn.Samples(pre) {
			s.Progress = func(done, total int) {
				pre.mu.Lock()
				pre.step++
				pre.mu.Unlock()
			}
		}
		if err := net.Train(context.Background(), set, s); err != nil {
			t.Fatal(err)
		}
		nets = append(nets, net)
	}
	sameParams(t, nets[1], nets[0], 0, "prefetching changed the training")

	steps := (samples + batch - 1) / batch
	for step := range epochs * steps {
		gathered, prefetched := pre.log[fmt.Sprintf("step %d gather", step)], pre.log[fmt.Sprintf("step %d prefetch", step)]
		if len(gathered) != 2 || gathered[0] != gathered[1] {
			t.Fatalf("step %d: gathered %q, want one batch on each of 2 cores", step, gathered)
		}
		if step%steps == steps-1 {
			if len(prefetched) != 0 {
				t.Errorf("step %d, the last of its epoch: prefetched %q", step, prefetched)
			}
			continue
		}
		next := pre.log[fmt.Sprintf("step %d gather", step+1)]
		if len(prefetched) != 2 || prefetched[0] != next[0] || prefetched[1] != next[0] {
			t.Errorf("step %d: prefetched %q, want the next batch %q on each of 2 cores", step, prefetched, next)
		}
	}
}
