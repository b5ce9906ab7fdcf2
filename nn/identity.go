package nn

import "github.com/vzorecky/backprop/mat"

func init() { registerActivation(Identity{}) }

// Identity is the linear activation σ(z) = z, for the output layer of a
// regression, with derivative σ'(z) = 1.
type Identity struct{}

// Name returns "identity".
func (Identity) Name() string { return "identity" }

// Apply sets a = z.
func (Identity) Apply(a, z *mat.Dense) { copy(flat(a), flat(z)) }

// Backward leaves d as it is: σ'(z) = 1.
func (Identity) Backward(_, _, _ *mat.Dense) {}
