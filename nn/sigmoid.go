package nn

import "github.com/vzorecky/backprop/mat"

func init() { registerActivation(Sigmoid{}) }

// Sigmoid is the logistic function σ(z) = 1/(1 + e^(−z)) (F1), with
// derivative σ'(z) = σ(z)(1 − σ(z)) (F4).
type Sigmoid struct{}

// Name returns "sigmoid".
func (Sigmoid) Name() string { return "sigmoid" }

// Apply sets a = σ(z) element-wise (F1).
func (Sigmoid) Apply(a, z *mat.Dense) { mat.Sigmoid(flat(a), flat(z)) }

// Backward sets d = d ⊙ σ'(z), computing σ'(z) as a(1 − a) (F4).
func (Sigmoid) Backward(d, _, a *mat.Dense) { mat.MulSigmoidPrime(flat(d), flat(a)) }
