package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestCrossEntropy(t *testing.T) {
	tests := []struct {
		a, y     []float64
		cost     float64
		gradient []float64
	}{
		// −ln 0.8 − ln(1 − 0.3); (a − y)/(a(1 − a)) = −0.2/0.16, 0.3/0.21.
		{[]float64{0.8, 0.3}, []float64{1, 0}, 0.5798184952529421, []float64{-1.25, 0.3 / 0.21}},
		// 0·ln 0 is 0: a = y = 1 and a = y = 0 cost nothing, and are not NaN.
		{[]float64{1, 0}, []float64{1, 0}, 0, nil},
		// A target between 0 and 1: −0.5·ln 0.5 − 0.5·ln 0.5 = ln 2.
		{[]float64{0.5}, []float64{0.5}, math.Ln2, []float64{0}},
	}
	for _, tt := range tests {
		if got := (nn.CrossEntropy{}).Value(tt.a, tt.y); math.Abs(got-tt.cost) > 1e-15 {
			t.Errorf("C(a = %v, y = %v) = %v, want %v", tt.a, tt.y, got, tt.cost)
		}
		if tt.gradient == nil {
			continue
		}
		g := make([]float64, len(tt.a))
		nn.CrossEntropy{}.Gradient(g, tt.a, tt.y)
		for j := range g {
			if math.Abs(g[j]-tt.gradient[j]) > 1e-15 {
				t.Errorf("∇ₐC(a = %v, y = %v) = %v, want %v", tt.a, tt.y, g, tt.gradient)
			}
		}
	}
	// With a sigmoid output σ' cancels: δ = a − y.
	a, y := mat.NewDense(1, 2, []float64{0.8, 0.3}), mat.NewDense(1, 2, []float64{1, 0})
	delta := mat.NewDense(1, 2, nil)
	if !(nn.CrossEntropy{}).OutputError(delta, nil, a, y, nn.Sigmoid{}) {
		t.Fatal("no direct output error for a sigmoid output")
	}
	if got := delta.RawMatrix().Data; math.Abs(got[0]+0.2) > 1e-16 || math.Abs(got[1]-0.3) > 1e-16 {
		t.Errorf("δ = %v, want [-0.2 0.3]", got)
	}
	if (nn.CrossEntropy{}).OutputError(delta, nil, a, y, nn.Softmax{}) {
		t.Error("a direct output error for softmax, where σ' does not cancel")
	}
}
