package nn_test

import (
	"errors"
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// pairs are the output activation and cost pairs the package supports:
// the quadratic cost with any output, cross-entropy and log-likelihood
// with outputs between 0 and 1. Each runs with every hidden activation.
var pairs = []struct {
	output nn.Activation
	cost   nn.Cost
}{
	{nn.Sigmoid{}, nn.Quadratic{}},
	{nn.Tanh{}, nn.Quadratic{}},
	{nn.ReLU{}, nn.Quadratic{}},
	{nn.Identity{}, nn.Quadratic{}},
	{nn.Softmax{}, nn.Quadratic{}},
	{nn.Sigmoid{}, nn.CrossEntropy{}},
	{nn.Softmax{}, nn.CrossEntropy{}},
	{nn.Softmax{}, nn.LogLikelihood{}},
	{nn.Sigmoid{}, nn.LogLikelihood{}},
}

var hiddens = []nn.Activation{nn.Sigmoid{}, nn.Tanh{}, nn.ReLU{}, nn.Identity{}}

var pairShapes = [][]int{{3, 4, 2}, {2, 3, 1, 3}, {4, 3}}

// forEachPair runs f for every supported pair with every hidden
// activation, on every shape, with a network of that configuration.
func forEachPair(t *testing.T, f func(t *testing.T, net *nn.Network, sizes []int)) {
	for si, sizes := range pairShapes {
		for _, p := range pairs {
			for _, h := range hiddens {
				if len(sizes) == 2 && h != hiddens[0] {
					continue // no hidden layer
				}
				name := fmt.Sprintf("sizes=%v/%s-%s/%s", sizes, h.Name(), p.output.Name(), p.cost.Name())
				t.Run(name, func(t *testing.T) {
					net := mustNew(t, sizes, uint64(10+si))
					net.SetActivations(h, p.output)
					net.Cost = p.cost
					f(t, net, sizes)
				})
			}
		}
	}
}

// TestPairGradientsWithL2 checks every pair against finite differences of
// the regularised cost of a mini-batch, J = Σ_x C_x + (λm/2n)·Σ‖w‖², whose
// gradient one SGD step with decay λ/n takes: w' = w − (ξ/m)·∂J/∂w.
func TestPairGradientsWithL2(t *testing.T) {
	const m, lambda, n, eta = 5, 0.7, 20, 1.0
	forEachPair(t, func(t *testing.T, net *nn.Network, sizes []int) {
		x, y := randomBatch(sizes, m, 77)
		want := numericGradient(t, net, x, y)
		// The L2 term's part, (λm/n)·w, for the weights; biases have none.
		w, b := net.Params()
		k := 0
		for l := range w {
			for _, v := range w[l].RawMatrix().Data {
				want[k] += lambda * m / n * v
				k++
			}
			k += b[l].Len()
		}
		if _, err := net.StepWith(nn.SGD{}, x, y, eta, lambda/n); err != nil {
			t.Fatal(err)
		}
		w2, b2 := net.Params()
		var got []float64
		for l := range w {
			for i, v := range w[l].RawMatrix().Data {
				got = append(got, (v-w2[l].RawMatrix().Data[i])*m/eta)
			}
			for i, v := range b[l].RawVector().Data {
				got = append(got, (v-b2[l].RawVector().Data[i])*m/eta)
			}
		}
		if e := relErr(got, want); e > 1e-6 {
			t.Errorf("relative error %.3g against finite differences, want ≤ 1e-6", e)
		} else {
			t.Logf("relative error %.3g", e)
		}
	})
}

// TestPairBatchIsSumOfSamples checks every pair's batched gradient against
// the sum of its per-sample gradients, with each BLAS.
func TestPairBatchIsSumOfSamples(t *testing.T) {
	impls := []blas.Float64{mat.Naive{}, mat.Gonum{}, mat.Tuned{}}
	forEachPair(t, func(t *testing.T, net *nn.Network, sizes []int) {
		x, y := randomBatch(sizes, 6, 78)
		var first []float64
		for _, impl := range impls {
			net.BLAS = impl
			var batch nn.Gradients
			if _, err := net.Gradient(&batch, x, y); err != nil {
				t.Fatal(err)
			}
			sum := net.NewGradients()
			for i := range 6 {
				if _, err := net.AddSampleGradient(sum, rowVec(x, i), rowVec(y, i)); err != nil {
					t.Fatal(err)
				}
			}
			if e := relErr(flatten(&batch), flatten(sum)); e > 1e-12 {
				t.Errorf("%T: batched and per-sample gradients differ: relative error %.3g", impl, e)
			}
			if first == nil {
				first = flatten(&batch)
			} else if e := relErr(flatten(&batch), first); e > 1e-12 {
				t.Errorf("%T and %T gradients differ: relative error %.3g", impl, impls[0], e)
			}
		}
	})
}

func TestPairStepsAllocateNothing(t *testing.T) {
	forEachPair(t, func(t *testing.T, net *nn.Network, sizes []int) {
		x, y := randomBatch(sizes, 10, 79)
		step := func() {
			if _, err := net.StepWith(nn.SGD{}, x, y, 0.01, 0.001); err != nil {
				t.Fatal(err)
			}
		}
		step()
		if allocs := testing.AllocsPerRun(10, step); allocs != 0 {
			t.Errorf("a step allocates %v times", allocs)
		}
	})
}

// TestUnsupportedPairs checks that the pairs that make no sense, and
// softmax in a hidden layer, are errors before any work.
func TestUnsupportedPairs(t *testing.T) {
	tests := []struct {
		hidden, output nn.Activation
		cost           nn.Cost
		want           string
	}{
		{nn.Sigmoid{}, nn.Tanh{}, nn.CrossEntropy{}, "cross-entropy needs outputs between 0 and 1"},
		{nn.Sigmoid{}, nn.Identity{}, nn.CrossEntropy{}, "not identity"},
		{nn.Sigmoid{}, nn.ReLU{}, nn.LogLikelihood{}, "log-likelihood needs outputs between 0 and 1"},
		{nn.Softmax{}, nn.Softmax{}, nn.LogLikelihood{}, "only the output layer may use softmax"},
	}
	x, y := randomBatch([]int{3, 4, 2}, 4, 80)
	for _, tt := range tests {
		net := mustNew(t, []int{3, 4, 2}, 1)
		net.SetActivations(tt.hidden, tt.output)
		net.Cost = tt.cost
		_, err := net.Step(x, y, 0.1)
		var se *nn.SettingError
		if !errors.As(err, &se) || !contains(err, tt.want) {
			t.Errorf("%s-%s/%s: err = %v, want a SettingError saying %q", tt.hidden.Name(), tt.output.Name(), tt.cost.Name(), err, tt.want)
		}
	}
	net := mustNew(t, []int{3, 4, 2}, 1)
	net.Activations = []nn.Activation{nn.ReLU{}}
	if _, err := net.Step(x, y, 0.1); !contains(err, "need one per layer after the input") {
		t.Errorf("one activation for two layers: err = %v", err)
	}
}
