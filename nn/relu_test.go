package nn_test

import (
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestReLU(t *testing.T) {
	checkKnown(t, nn.ReLU{}, []float64{-1.5, 0, 2.5}, []float64{0, 0, 2.5}, []float64{3, 3, -3}, []float64{0, 0, -3})
	// Away from the kink at 0, where finite differences cannot see a derivative.
	checkBackward(t, nn.ReLU{}, mat.NewDense(2, 3, []float64{-3, -0.5, 0.2, 0.1, 2, -8}))
}
