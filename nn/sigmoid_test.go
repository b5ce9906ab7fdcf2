package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestSigmoid(t *testing.T) {
	// σ(0) = ½, σ(ln 3) = ¾, σ(−ln 3) = ¼; σ' = σ(1 − σ): ¼, 3/16, 3/16.
	ln3 := math.Log(3)
	checkKnown(t, nn.Sigmoid{}, []float64{0, ln3, -ln3}, []float64{0.5, 0.75, 0.25},
		[]float64{1, 2, -4}, []float64{0.25, 2 * 3.0 / 16, -4 * 3.0 / 16})
	checkBackward(t, nn.Sigmoid{}, mat.NewDense(3, 2, []float64{-3, -0.5, 0, 0.1, 2, 8}))
}
