package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestQuadraticKnownAnswer(t *testing.T) {
	a, y := []float64{0.2, 0.9}, []float64{0, 1}
	if got := (nn.Quadratic{}).Value(a, y); math.Abs(got-0.025) > 1e-17 {
		t.Errorf("½‖y − a‖² = %v, want 0.025", got)
	}
	g := make([]float64, 2)
	nn.Quadratic{}.Gradient(g, a, y)
	if math.Abs(g[0]-0.2) > 1e-17 || math.Abs(g[1]+0.1) > 1e-16 {
		t.Errorf("a − y = %v, want [0.2 -0.1] (erratum E1: no factor 2)", g)
	}
	// F5 over a data set is the mean of the per-sample costs.
	net, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(1, 1, []float64{0})}, []*mat.VecDense{mat.NewVecDense(1, []float64{0})})
	if err != nil {
		t.Fatal(err)
	}
	// Outputs are σ(0) = 0.5 for every input; targets 0 and 1 cost ⅛ each.
	e, err := net.Evaluate(&nn.Dataset{X: mat.NewDense(2, 1, []float64{3, -4}), Y: mat.NewDense(2, 1, []float64{0, 1})})
	if err != nil {
		t.Fatal(err)
	}
	if e.Cost != 0.125 {
		t.Errorf("F5 = %v, want 0.125", e.Cost)
	}
}
