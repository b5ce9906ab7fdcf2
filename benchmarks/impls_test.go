package benchmarks

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/internal/testrand"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// impl is one implementation of the products, named as benchstat sees it
// in /impl=NAME.
type impl struct {
	name string
	impl blas.Float64
}

// impls lists the implementations to compare; the openblas build adds one.
var impls = []impl{
	{"naive", mat.Naive{}},
	{"gonum", mat.Gonum{}},
	{"tuned", mat.Tuned{}},
	{"tuned-1thread", mat.Tuned{Threads: 1}},
}

// networks are the shapes measured: the seed's reference network, the
// book's wider one, and the classic benchmark network of MNIST.
var networks = [][]int{{784, 30, 10}, {784, 100, 10}, {784, 800, 10}}

// tooSlow reports whether a benchmark would take minutes for nothing: the
// textbook loops on the widest network.
func tooSlow(im impl, sizes []int) bool { return im.name == "naive" && sizes[1] > 100 }

func sizesName(sizes []int) string {
	s := make([]string, len(sizes))
	for i, v := range sizes {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, "-")
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0xbe7c4)) }

var (
	randDense = testrand.Dense
	randVec   = testrand.Vec
)

// flopsPerEpoch counts the floating-point operations of one epoch over n
// samples in mini-batches of m, as ../shared/anchors/flops.py does:
// multiply and add count as two, forward and weight-gradient products for
// every layer, error products for all but the first, about 12 operations
// per neuron for the element-wise work, and the update once per mini-batch.
func flopsPerEpoch(sizes []int, n, m int) float64 {
	var fwd, bwdW, bwdD, ew, params float64
	for l := 1; l < len(sizes); l++ {
		in, out := float64(sizes[l-1]), float64(sizes[l])
		fwd += 2 * in * out
		bwdW += 2 * in * out
		if l > 1 {
			bwdD += 2 * in * out
		}
		ew += 12 * out
		params += in*out + out
	}
	return (fwd+bwdW+bwdD+ew)*float64(n) + 2*params*float64(n/m)
}

func reportGFLOPS(b *testing.B, flopsPerOp float64) {
	b.ReportMetric(flopsPerOp*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func mustNew(b *testing.B, sizes []int, impl blas.Float64) *nn.Network {
	net, err := nn.New(sizes, newRand(1))
	if err != nil {
		b.Fatal(err)
	}
	net.BLAS = impl
	return net
}

func TestFlopsMatchTheAnchor(t *testing.T) {
	// flops.py prints 5.056 GFLOP per epoch at batch 10 for [784, 30, 10].
	if got := flopsPerEpoch([]int{784, 30, 10}, 50000, 10) / 1e9; got < 5.05 || got > 5.06 {
		t.Errorf("%.4f GFLOP per epoch, flops.py says 5.056", got)
	}
}
