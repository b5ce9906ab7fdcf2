package nn

import (
	"math"

	"github.com/vzorecky/backprop/mat"
)

func init() { registerActivation(Tanh{}) }

// Tanh is the hyperbolic tangent σ(z) = (e^z − e^(−z))/(e^z + e^(−z)), with
// derivative σ'(z) = 1 − σ(z)². Its outputs lie in (−1, 1), centred on 0.
type Tanh struct{}

// Name returns "tanh".
func (Tanh) Name() string { return "tanh" }

// Apply sets a = tanh(z) element-wise.
func (Tanh) Apply(a, z *mat.Dense) {
	ad := flat(a)
	for i, v := range flat(z) {
		ad[i] = math.Tanh(v)
	}
}

// Backward sets d = d ⊙ (1 − a²).
func (Tanh) Backward(d, _, a *mat.Dense) {
	dd := flat(d)
	for i, v := range flat(a) {
		dd[i] *= 1 - v*v
	}
}
