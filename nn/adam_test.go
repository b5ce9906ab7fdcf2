package nn_test

import (
	"testing"

	"github.com/vzorecky/backprop/nn"
)

func TestAdamSteps(t *testing.T) {
	// Step 1: m̂ = g and v̂ = g², so each parameter moves by ξ·g/(|g| + ε),
	// almost exactly ξ: w = 0.5 − 0.1·2/(2 + 1e-8). Step 2 uses the bias
	// corrections 1 − 0.9² and 1 − 0.999².
	checkTwoSteps(t, &nn.Adam{}, 0, [2][2]float64{{0.4000000005, -0.09999999900000002}, {0.3024279509848952, -0.19757204794983674}})
	// L2 decoupled: w also loses ξ·0.5·w each step, outside the moments.
	checkTwoSteps(t, &nn.Adam{}, 0.5, [2][2]float64{{0.3750000005, -0.09999999900000002}, {0.25950889187631015, -0.1967411070250834}})
}

func TestAdamMinimises(t *testing.T) {
	checkMinimises(t, &nn.Adam{}, 0.05, 3000)
}

func TestAdamAllocatesNothing(t *testing.T) {
	checkNoAllocations(t, &nn.Adam{})
}
