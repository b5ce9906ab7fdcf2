package nn_test

import (
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestIdentity(t *testing.T) {
	checkKnown(t, nn.Identity{}, []float64{-1.5, 0, 2.5}, []float64{-1.5, 0, 2.5}, []float64{3, 1, -3}, []float64{3, 1, -3})
	checkBackward(t, nn.Identity{}, mat.NewDense(1, 3, []float64{-3, 0, 8}))
}
