package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// FeedForward sets dst to the output activations a^L of the network for
// the input x: for each layer z^l = w^l·a^(l−1) + b^l (F3), one MulVec, and
// a^l = σ(z^l) (F2). An empty dst is sized for you.
func (n *Network) FeedForward(dst, x *mat.VecDense) error {
	if x.Len() != n.inputs() {
		return fmt.Errorf("%w: input has length %d, the input layer has %d neurons", ErrShape, x.Len(), n.inputs())
	}
	if dst.IsEmpty() {
		dst.ReuseAsVec(n.outputs())
	}
	if dst.Len() != n.outputs() {
		return fmt.Errorf("%w: dst has length %d, the output layer has %d neurons", ErrShape, dst.Len(), n.outputs())
	}
	n.forwardSample(x)
	dst.CopyVec(n.sample.a[len(n.weights)-1])
	return nil
}

// forwardSample is cookbook step 2 for one sample, into n.sample.
func (n *Network) forwardSample(x *mat.VecDense) {
	s := &n.sample
	s.init(n.sizes)
	p, act := n.products(), n.activation()
	in := x
	for i, w := range n.weights {
		z, a := s.z[i], s.a[i]
		p.MulVec(z, false, w, in)
		z.AddVec(z, n.biases[i])
		act.Apply(a.RawVector().Data, z.RawVector().Data)
		in = a
	}
}

// FeedForwardBatch sets dst to the output activations for a batch of
// inputs, one sample per row of x: Zᵀ = Aᵀ·Wᵀ + 1·bᵀ and Aᵀ = σ(Zᵀ) for each
// layer, one matrix product per layer. An empty dst is sized for you.
func (n *Network) FeedForwardBatch(dst, x *mat.Dense) error {
	m, in := x.Dims()
	if in != n.inputs() {
		return fmt.Errorf("%w: inputs have %d columns, the input layer has %d neurons", ErrShape, in, n.inputs())
	}
	if m == 0 {
		return fmt.Errorf("%w: the batch is empty", ErrNoSamples)
	}
	if dst.IsEmpty() {
		dst.ReuseAs(m, n.outputs())
	}
	if r, c := dst.Dims(); r != m || c != n.outputs() {
		return fmt.Errorf("%w: dst is %d×%d, want %d×%d", ErrShape, r, c, m, n.outputs())
	}
	n.forwardBatch(x)
	dst.Copy(&n.batch.a[len(n.weights)-1].Dense)
	return nil
}

// forwardBatch is cookbook step 2 for a whole batch, into n.batch.
func (n *Network) forwardBatch(x *mat.Dense) {
	m, _ := x.Dims()
	w := &n.batch
	w.resize(n.sizes, m)
	p, act := n.products(), n.activation()
	in := x
	for i, weights := range n.weights {
		z, a := &w.z[i].Dense, &w.a[i].Dense
		p.Mul(z, 1, false, in, true, weights, 0)
		mat.AddRowVec(z, n.biases[i])
		act.Apply(a.RawMatrix().Data, z.RawMatrix().Data)
		in = a
	}
}
