package nn_test

import (
	"context"
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// checkTwoSteps takes two steps of rule on a [1, 1] network with the
// identity activation and the quadratic cost, w = 0.5, b = 0, on the one
// sample x = 2, y = 0, at ξ = 0.1 and L2 decay λ/n = decay, and compares
// w and b after each step with values worked out independently in plain
// Python from the rule's formulas (the gradient is ∂C/∂w = 2(2w + b),
// ∂C/∂b = 2w + b).
func checkTwoSteps(t *testing.T, rule nn.StepRule, decay float64, want [2][2]float64) {
	t.Helper()
	net, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(1, 1, []float64{0.5})}, []*mat.VecDense{mat.NewVecDense(1, []float64{0})})
	if err != nil {
		t.Fatal(err)
	}
	net.SetActivations(nn.Identity{}, nn.Identity{})
	x, y := mat.NewDense(1, 1, []float64{2}), mat.NewDense(1, 1, []float64{0})
	for step, w := range want {
		if _, err := net.StepWith(rule, x, y, 0.1, decay); err != nil {
			t.Fatal(err)
		}
		ws, bs := net.Params()
		if got := ws[0].At(0, 0); math.Abs(got-w[0]) > 1e-15 {
			t.Errorf("%s, decay %v, step %d: w = %.17g, want %.17g", rule.Name(), decay, step+1, got, w[0])
		}
		if got := bs[0].AtVec(0); math.Abs(got-w[1]) > 1e-15 {
			t.Errorf("%s, decay %v, step %d: b = %.17g, want %.17g", rule.Name(), decay, step+1, got, w[1])
		}
	}
}

// checkMinimises trains a [2, 1] identity network, a linear regression,
// on data that y = 3x₁ − 2x₂ + 0.5 fits exactly, and checks that rule
// reaches that minimum of the convex quadratic cost.
func checkMinimises(t *testing.T, rule nn.StepRule, eta float64, epochs int) {
	t.Helper()
	x := mat.NewDense(6, 2, []float64{0, 0, 1, 0, 0, 1, 1, 1, -1, 2, 0.5, -0.5})
	y := mat.NewDense(6, 1, nil)
	for i := range 6 {
		y.Set(i, 0, 3*x.At(i, 0)-2*x.At(i, 1)+0.5)
	}
	net := mustNew(t, []int{2, 1}, 1)
	net.SetActivations(nil, nn.Identity{})
	err := net.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{Epochs: epochs, BatchSize: 6, LearningRate: eta, StepRule: rule})
	if err != nil {
		t.Fatal(err)
	}
	w, b := net.Params()
	for i, want := range []float64{w[0].At(0, 0) - 3, w[0].At(0, 1) + 2, b[0].AtVec(0) - 0.5} {
		if math.Abs(want) > 1e-6 {
			t.Errorf("%s: parameter %d is %.3g from the minimum (w = %v, b = %v)", rule.Name(), i, want, w[0].RawMatrix().Data, b[0].RawVector().Data)
		}
	}
	if net.Trained.StepRule != rule.Name() {
		t.Errorf("training record names step rule %q, want %q", net.Trained.StepRule, rule.Name())
	}
}

// checkNoAllocations checks that steps with rule allocate nothing once its
// state is made.
func checkNoAllocations(t *testing.T, rule nn.StepRule) {
	t.Helper()
	sizes := []int{20, 8, 3}
	net := mustNew(t, sizes, 1)
	x, y := randomBatch(sizes, 10, 2)
	step := func() {
		if _, err := net.StepWith(rule, x, y, 0.01, 0.001); err != nil {
			t.Fatal(err)
		}
	}
	step()
	if allocs := testing.AllocsPerRun(20, step); allocs != 0 {
		t.Errorf("%s: a step allocates %v times", rule.Name(), allocs)
	}
}
