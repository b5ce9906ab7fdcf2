package nn

import "github.com/vzorecky/backprop/mat"

// layer is one layer of neurons after the input: the weights w^l
// (sizes[l]×sizes[l−1], one row per neuron) and biases b^l that feed it.
type layer struct {
	w *mat.Dense
	b *mat.VecDense
}

// newLayer returns a zeroed layer of out neurons with in inputs each.
func newLayer(in, out int) layer {
	return layer{w: mat.NewDense(out, in, nil), b: mat.NewVecDense(out, nil)}
}

// shape returns the number of neurons and of their inputs.
func (l *layer) shape() (out, in int) { return l.w.Dims() }

// copyParams returns copies of the layer's weights and biases.
func (l *layer) copyParams() (*mat.Dense, *mat.VecDense) {
	b := mat.NewVecDense(l.b.Len(), nil)
	b.CopyVec(l.b)
	return mat.DenseCopyOf(l.w), b
}
