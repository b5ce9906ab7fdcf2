package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestSoftmax(t *testing.T) {
	// (0, ln 3) → (¼, ¾); large inputs stay finite: (1000, 1001) is
	// (0, 1) shifted, so 1/(1 + e) and e/(1 + e).
	e := math.E
	z := mat.NewDense(2, 2, []float64{0, math.Log(3), 1000, 1001})
	a := mat.NewDense(2, 2, nil)
	nn.Softmax{}.Apply(a, z)
	want := []float64{0.25, 0.75, 1 / (1 + e), e / (1 + e)}
	for i, w := range want {
		if got := a.RawMatrix().Data[i]; math.Abs(got-w) > 1e-15 {
			t.Errorf("softmax element %d = %v, want %v", i, got, w)
		}
	}
	// d = (1, 0) at a = (¼, ¾): Σ d·a = ¼, so d becomes (¼·¾, ¾·(−¼)).
	d := mat.NewDense(1, 2, []float64{1, 0})
	nn.Softmax{}.Backward(d, z.Slice(0, 1, 0, 2).(*mat.Dense), a.Slice(0, 1, 0, 2).(*mat.Dense))
	if got := d.RawMatrix().Data; math.Abs(got[0]-0.1875) > 1e-16 || math.Abs(got[1]+0.1875) > 1e-16 {
		t.Errorf("Backward = %v, want [0.1875 -0.1875]", got)
	}
	checkBackward(t, nn.Softmax{}, mat.NewDense(2, 3, []float64{0.5, -1, 2, 3, 3, -4}))
}
