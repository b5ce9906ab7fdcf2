package nn_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// byteSamples is Samples whose inputs are bytes, as mnist's are: Gather
// expands them, Bytes shows them, and MapZeros maps their blank groups of
// eight. It counts the calls of GatherTargets.
type byteSamples struct {
	x       []byte // n rows of in bytes
	in      int
	y       *mat.Dense
	scale   *mat.ByteScale
	targets atomic.Int64
}

// newByteSamples returns m samples of sizes' first and last sizes: bytes
// whose groups of eight are blank three times in five, a 255 and a 0
// among the others, and random one-hot targets.
func newByteSamples(sizes []int, m int, scale *mat.ByteScale, seed uint64) *byteSamples {
	rng := rand.New(rand.NewPCG(seed, seed))
	in, out := sizes[0], sizes[len(sizes)-1]
	s := &byteSamples{x: make([]byte, m*in), in: in, y: mat.NewDense(m, out, nil), scale: scale}
	for i := range m {
		for g := 0; g < in; g += 8 {
			if rng.IntN(5) < 3 {
				continue
			}
			for j := g; j < min(g+8, in); j++ {
				s.x[i*in+j] = []byte{0, 255, byte(rng.IntN(256))}[rng.IntN(3)]
			}
		}
		s.y.Set(i, rng.IntN(out), 1)
	}
	return s
}

func (s *byteSamples) Dims() (n, in, out int) {
	n, out = s.y.Dims()
	return n, s.in, out
}

func (s *byteSamples) Gather(x, y *mat.Dense, indices []int) {
	for r, i := range indices {
		s.scale.Expand(x.RawRowView(r), s.x[i*s.in:(i+1)*s.in])
		y.SetRow(r, s.y.RawRowView(i))
	}
}

func (s *byteSamples) Bytes() mat.ScaledBytes {
	n, _ := s.y.Dims()
	return mat.ScaledBytes{Rows: n, Cols: s.in, Stride: s.in, Data: s.x, Scale: s.scale}
}

func (s *byteSamples) GatherTargets(y *mat.Dense, indices []int) {
	s.targets.Add(1)
	for r, i := range indices {
		y.SetRow(r, s.y.RawRowView(i))
	}
}

func (s *byteSamples) MapZeros(nz *mat.NonzeroGroups, indices []int) {
	nz.Reset(len(indices), s.in)
	for r, i := range indices {
		nz.FindBytes(r, s.x[i*s.in:(i+1)*s.in])
	}
}

// dataset returns the samples expanded, as a Dataset.
func (s *byteSamples) dataset() *nn.Dataset {
	n, in, _ := s.Dims()
	x := mat.NewDense(n, in, nil)
	s.Gather(x, mat.NewDense(n, s.y.RawMatrix().Cols, nil), inOrder(n))
	return &nn.Dataset{X: x, Y: s.y}
}

func inOrder(n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}

// TestByteSamplesTrainAlike checks that a sharded step on samples whose
// inputs are bytes (nn.ByteSamples) trains as the expanded inputs read
// on one thread do, bit for bit: where the byte kernels read the
// bytes (divisor 255, shards of 15, or of 9 and 12, neurons), where the
// shards of [784, 100, 10] (51 and 49 neurons) have them expanded, and
// where another divisor does; and that the sharded step reads the bytes.
func TestByteSamplesTrainAlike(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	for _, tc := range []struct {
		sizes          []int
		divisor        float64
		batch, threads int
	}{
		{[]int{784, 30, 10}, 255, 10, 2},
		{[]int{784, 30, 10}, 255, 100, 2},
		{[]int{784, 30, 10}, 255, 33, 3},
		{[]int{784, 100, 10}, 255, 100, 2},
		{[]int{40, 30, 10}, 3, 10, 2},
	} {
		t.Run(fmt.Sprintf("%v, divisor %v, batch %d, %d threads", tc.sizes, tc.divisor, tc.batch, tc.threads), func(t *testing.T) {
			compact := newByteSamples(tc.sizes, 250, mat.NewByteScale(tc.divisor), 94)
			var nets []*nn.Network
			for _, run := range []struct {
				samples nn.Samples
				threads int
			}{{compact.dataset(), 1}, {compact, tc.threads}} {
				net := mustNew(t, tc.sizes, 8)
				net.BLAS = mat.Tuned{Threads: run.threads}
				s := nn.Settings{Epochs: 2, BatchSize: tc.batch, LearningRate: 0.5, Lambda: 1, Shuffle: newRand(5)}
				if err := net.Train(context.Background(), run.samples, s); err != nil {
					t.Fatal(err)
				}
				nets = append(nets, net)
			}
			if compact.targets.Load() == 0 {
				t.Fatal("the sharded step did not read the bytes")
			}
			sameParams(t, nets[1], nets[0], 0, "training on the bytes differs from the expanded inputs")
		})
	}
}

// wrongBytes is byteSamples whose Bytes do not fit their Dims.
type wrongBytes struct {
	*byteSamples
	change func(*mat.ScaledBytes)
}

func (w wrongBytes) Bytes() mat.ScaledBytes {
	x := w.byteSamples.Bytes()
	w.change(&x)
	return x
}

// TestByteSamplesChecked checks that training refuses samples whose bytes
// do not fit what Dims says, with ErrShape, before it reads them.
func TestByteSamplesChecked(t *testing.T) {
	sizes := []int{40, 30, 10}
	for _, tc := range []struct {
		name   string
		change func(*mat.ScaledBytes)
	}{
		{"fewer rows", func(x *mat.ScaledBytes) { x.Rows-- }},
		{"more columns", func(x *mat.ScaledBytes) { x.Cols++ }},
		{"short data", func(x *mat.ScaledBytes) { x.Data = x.Data[:len(x.Data)-1] }},
		{"no scale", func(x *mat.ScaledBytes) { x.Scale = nil }},
		{"an index", func(x *mat.ScaledBytes) { x.Index = make([]int, x.Rows) }},
		{"a stride below the columns", func(x *mat.ScaledBytes) { x.Stride = x.Cols - 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := wrongBytes{newByteSamples(sizes, 20, mat.NewByteScale(255), 95), tc.change}
			net := mustNew(t, sizes, 8)
			err := net.Train(context.Background(), data, nn.Settings{Epochs: 1, BatchSize: 10, LearningRate: 0.5})
			if !errors.Is(err, nn.ErrShape) {
				t.Fatalf("Train: %v, want an ErrShape", err)
			}
		})
	}
}
