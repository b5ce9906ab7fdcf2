package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// Activation is a neuron's activation function σ. It works on whole
// matrices, one sample per row, so that the hot loops stay free of
// per-element calls through an interface and so that an activation that
// mixes a row's values (softmax) fits too.
//
// The network passes its own work buffers: matrices of one shape, stored
// contiguously (Stride == Cols). A single sample is a one-row matrix.
type Activation interface {
	// Name identifies the activation in saved models.
	Name() string

	// Apply sets a = σ(z), row by row. a and z may be the same matrix.
	Apply(a, z *mat.Dense)

	// Backward turns d = ∂C/∂a into d = ∂C/∂z, given z and a = σ(z). For
	// an element-wise σ that is d ⊙ σ'(z) (the Hadamard products of BP1
	// and BP2); a is passed because some derivatives, like the sigmoid's,
	// are cheaper from it.
	Backward(d, z, a *mat.Dense)
}

// activations lists the activations a saved model may name.
var activations = registry[Activation]{}

func registerActivation(a Activation) { activations.add(a) }

// ActivationByName returns the activation of the given name, as model
// files and Name give it.
func ActivationByName(name string) (Activation, bool) {
	a, ok := activations[name]
	return a, ok
}

// ActivationNames lists the names of the activations, sorted.
func ActivationNames() []string { return activations.sortedNames() }

// flat returns the elements of a contiguous matrix, row after row, for the
// element-wise kernels.
func flat(m *mat.Dense) []float64 {
	raw := m.RawMatrix()
	if raw.Stride != raw.Cols && raw.Rows > 1 {
		panic(fmt.Sprintf("nn: a %d×%d matrix with stride %d; activations take contiguous matrices", raw.Rows, raw.Cols, raw.Stride))
	}
	return raw.Data[:raw.Rows*raw.Cols]
}
