package nn

import "github.com/vzorecky/backprop/mat"

// Activation is a neuron's activation function σ, applied element-wise.
// Implementations work on whole slices so that the hot loops stay free of
// per-element calls through an interface.
type Activation interface {
	// Name identifies the activation in saved models.
	Name() string

	// Apply sets a[i] = σ(z[i]). a and z may be the same slice.
	Apply(a, z []float64)

	// MulDerivative sets d[i] = d[i]·σ'(z[i]). a[i] = σ(z[i]) is passed too,
	// because some derivatives, like the sigmoid's, are cheaper from it.
	MulDerivative(d, z, a []float64)
}

// Cost is the cost C_x of one sample: its value and its gradient with
// respect to the output activations.
type Cost interface {
	// Name identifies the cost in saved models.
	Name() string

	// Value returns C_x for output activations a and target y.
	Value(a, y []float64) float64

	// Gradient sets dst = ∇ₐC_x.
	Gradient(dst, a, y []float64)
}

// Sigmoid is the logistic function σ(z) = 1/(1 + e^(−z)) (F1), with
// derivative σ'(z) = σ(z)(1 − σ(z)) (F4).
type Sigmoid struct{}

// Name returns "sigmoid".
func (Sigmoid) Name() string { return "sigmoid" }

// Apply sets a = σ(z) element-wise (F1).
func (Sigmoid) Apply(a, z []float64) { mat.Sigmoid(a, z) }

// MulDerivative sets d = d ⊙ σ'(z), computing σ'(z) as a(1 − a) (F4).
func (Sigmoid) MulDerivative(d, _, a []float64) { mat.MulSigmoidPrime(d, a) }

// Quadratic is the quadratic (mean squared error) cost of F5:
// C_x = ½‖y − a‖², so that C = 1/(2n)·Σ_x ‖y(x) − a^L(x)‖² over n samples.
// Its gradient is a − y (F6). The seed's source writes 2(a − y), the
// derivative of the cost without the ½ (erratum E1); that factor would only
// double the effective learning rate.
type Quadratic struct{}

// Name returns "quadratic".
func (Quadratic) Name() string { return "quadratic" }

// Value returns ½‖y − a‖².
func (Quadratic) Value(a, y []float64) float64 {
	var s float64
	for i, v := range a {
		d := y[i] - v
		s += d * d
	}
	return s / 2
}

// Gradient sets dst = a − y (F6 with erratum E1).
func (Quadratic) Gradient(dst, a, y []float64) {
	for i, v := range a {
		dst[i] = v - y[i]
	}
}

// activations lists the activations a saved model may name.
var activations = map[string]Activation{Sigmoid{}.Name(): Sigmoid{}}

// costs lists the costs a saved model may name.
var costs = map[string]Cost{Quadratic{}.Name(): Quadratic{}}
