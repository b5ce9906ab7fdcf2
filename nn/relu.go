package nn

import "github.com/vzorecky/backprop/mat"

func init() { registerActivation(ReLU{}) }

// ReLU is the rectified linear unit σ(z) = max(0, z), with derivative
// σ'(z) = 1 for z > 0 and 0 otherwise (0 at z = 0, as PyTorch takes it).
type ReLU struct{}

// Name returns "relu".
func (ReLU) Name() string { return "relu" }

// Apply sets a = max(0, z) element-wise.
func (ReLU) Apply(a, z *mat.Dense) {
	ad := flat(a)
	for i, v := range flat(z) {
		ad[i] = max(v, 0)
	}
}

// Backward sets d = d ⊙ σ'(z): d is kept where z > 0 and zeroed elsewhere.
func (ReLU) Backward(d, z, _ *mat.Dense) {
	dd := flat(d)
	for i, v := range flat(z) {
		if !(v > 0) {
			dd[i] = 0
		}
	}
}
