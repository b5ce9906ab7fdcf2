package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestLogLikelihood(t *testing.T) {
	a, y := []float64{0.7, 0.2, 0.1}, []float64{0, 1, 0}
	// −ln a_y with y = 1: −ln 0.2.
	if got := (nn.LogLikelihood{}).Value(a, y); math.Abs(got-1.6094379124341003) > 1e-15 {
		t.Errorf("C = %v, want −ln 0.2 = 1.6094379124341003", got)
	}
	g := make([]float64, 3)
	nn.LogLikelihood{}.Gradient(g, a, y)
	if g[0] != 0 || math.Abs(g[1]+5) > 1e-15 || g[2] != 0 {
		t.Errorf("∇ₐC = %v, want [0 -5 0]", g)
	}
	// With softmax: δ = a − y.
	delta := mat.NewDense(1, 3, nil)
	if !(nn.LogLikelihood{}).OutputError(delta, nil, mat.NewDense(1, 3, a), mat.NewDense(1, 3, y), nn.Softmax{}) {
		t.Fatal("no direct output error for a softmax output")
	}
	for j, want := range []float64{0.7, -0.8, 0.1} {
		if got := delta.At(0, j); math.Abs(got-want) > 1e-16 {
			t.Errorf("δ_%d = %v, want %v", j, got, want)
		}
	}
	// A certain, correct prediction costs nothing.
	if got := (nn.LogLikelihood{}).Value([]float64{0, 1}, []float64{0, 1}); got != 0 {
		t.Errorf("C(a = y = (0, 1)) = %v, want 0", got)
	}
}
