package nn_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// softmax mixes the values of a row, a_j = e^(z_j) / Σ_k e^(z_k): the tests
// use it to show that the Activation interface carries an activation that
// is not element-wise, through both paths and the gradient check.
type softmax struct{}

func (softmax) Name() string { return "test-softmax" }

func (softmax) Apply(a, z *mat.Dense) {
	r, _ := z.Dims()
	for i := range r {
		zr, ar := z.RawRowView(i), a.RawRowView(i)
		top := math.Inf(-1)
		for _, v := range zr {
			top = max(top, v)
		}
		var sum float64
		for j, v := range zr {
			ar[j] = math.Exp(v - top)
			sum += ar[j]
		}
		for j := range ar {
			ar[j] /= sum
		}
	}
}

// Backward applies the softmax's Jacobian: ∂C/∂z_j = a_j·(∂C/∂a_j − Σ_k ∂C/∂a_k·a_k).
func (softmax) Backward(d, _, a *mat.Dense) {
	r, _ := a.Dims()
	for i := range r {
		dr, ar := d.RawRowView(i), a.RawRowView(i)
		var s float64
		for j, v := range ar {
			s += dr[j] * v
		}
		for j, v := range ar {
			dr[j] = v * (dr[j] - s)
		}
	}
}

func TestRowActivationGradients(t *testing.T) {
	for si, sizes := range gradShapes {
		t.Run(fmt.Sprint(sizes), func(t *testing.T) {
			net := mustNew(t, sizes, uint64(si))
			net.Activation = softmax{}
			x, y := randomBatch(sizes, 6, uint64(500+si))
			var g nn.Gradients
			if _, err := net.Gradient(&g, x, y); err != nil {
				t.Fatal(err)
			}
			if e := relErr(flatten(&g), numericGradient(t, net, x, y)); e > 1e-6 {
				t.Errorf("relative error %.3g against finite differences, want < 1e-6", e)
			}
			sum := net.NewGradients()
			for i := range 6 {
				if _, err := net.AddSampleGradient(sum, rowVec(x, i), rowVec(y, i)); err != nil {
					t.Fatal(err)
				}
			}
			if e := relErr(flatten(&g), flatten(sum)); e > 1e-12 {
				t.Errorf("batched and per-sample gradients differ: relative error %.3g", e)
			}
		})
	}
}

func TestSigmoidNeedsContiguousMatrices(t *testing.T) {
	wide := mat.NewDense(3, 4, nil)
	view := wide.Slice(0, 3, 0, 2).(*mat.Dense)
	defer func() {
		if msg, _ := recover().(string); !strings.HasPrefix(msg, "nn: ") {
			t.Errorf("panic %q, want an \"nn: \" message", msg)
		}
	}()
	nn.Sigmoid{}.Apply(view, view)
}
