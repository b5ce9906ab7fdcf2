package nn_test

import (
	"testing"

	"github.com/vzorecky/backprop/nn"
)

func TestMomentumSteps(t *testing.T) {
	// μ = 0.9: v = −0.1·2 = −0.2, w = 0.3; then g = 1.0, v = −0.28, w = 0.02.
	checkTwoSteps(t, &nn.Momentum{}, 0, [2][2]float64{{0.3, -0.1}, {0.019999999999999962, -0.24000000000000002}})
	// Nesterov: w = 0.5 + 0.9·(−0.2) − 0.2 = 0.12, and so on.
	checkTwoSteps(t, &nn.Momentum{Nesterov: true}, 0, [2][2]float64{{0.12, -0.19}, {-0.061000000000000054, -0.2805}})
	// L2 coupled into the gradient: g = 2(2w + b) + 0.5w.
	checkTwoSteps(t, &nn.Momentum{}, 0.5, [2][2]float64{{0.275, -0.1}, {-0.03125, -0.23500000000000001}})
	checkTwoSteps(t, &nn.Momentum{Nesterov: true}, 0.5, [2][2]float64{{0.07250000000000001, -0.19}, {-0.09953750000000003, -0.26245}})
}

func TestMomentumMinimises(t *testing.T) {
	checkMinimises(t, &nn.Momentum{Mu: 0.8}, 0.05, 500)
	checkMinimises(t, &nn.Momentum{Mu: 0.8, Nesterov: true}, 0.05, 500)
}

func TestMomentumAllocatesNothing(t *testing.T) {
	checkNoAllocations(t, &nn.Momentum{})
	checkNoAllocations(t, &nn.Momentum{Nesterov: true})
}

func TestMomentumRefusesASecondNetwork(t *testing.T) {
	rule := &nn.Momentum{}
	x, y := randomBatch([]int{3, 2}, 2, 1)
	if _, err := mustNew(t, []int{3, 2}, 1).StepWith(rule, x, y, 0.1, 0); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if msg, _ := recover().(string); !contains(errString(msg), "use one per network") {
			t.Errorf("panic %q, want one about using a rule for two networks", msg)
		}
	}()
	x, y = randomBatch([]int{4, 2}, 2, 1)
	mustNew(t, []int{4, 2}, 1).StepWith(rule, x, y, 0.1, 0)
}
