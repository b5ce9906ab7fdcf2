package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestSigmoid(t *testing.T) {
	// σ(0) = ½, σ(ln 3) = ¾, σ(−ln 3) = ¼; σ' = σ(1 − σ): ¼, 3/16, 3/16.
	z := mat.NewDense(1, 3, []float64{0, math.Log(3), -math.Log(3)})
	a := mat.NewDense(1, 3, nil)
	nn.Sigmoid{}.Apply(a, z)
	d := mat.NewDense(1, 3, []float64{1, 2, -4})
	nn.Sigmoid{}.Backward(d, z, a)
	for i, want := range []float64{0.5, 0.75, 0.25} {
		if got := a.At(0, i); math.Abs(got-want) > 1e-15 {
			t.Errorf("σ(%v) = %v, want %v", z.At(0, i), got, want)
		}
	}
	for i, want := range []float64{0.25, 2 * 3.0 / 16, -4 * 3.0 / 16} {
		if got := d.At(0, i); math.Abs(got-want) > 1e-15 {
			t.Errorf("d ⊙ σ'(%v) = %v, want %v", z.At(0, i), got, want)
		}
	}
	checkBackward(t, nn.Sigmoid{}, mat.NewDense(3, 2, []float64{-3, -0.5, 0, 0.1, 2, 8}))
}
