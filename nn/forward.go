package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// FeedForward sets dst to the output activations a^L of the network for
// the input x: for each layer z^l = w^l·a^(l−1) + b^l (F3), one MulVec, and
// a^l = σ(z^l) (F2). An empty dst is sized for you.
func (n *Network) FeedForward(dst, x *mat.VecDense) error {
	if err := n.checkModel(); err != nil {
		return err
	}
	if err := n.checkInput(x); err != nil {
		return err
	}
	if dst.IsEmpty() {
		dst.ReuseAsVec(n.outputs())
	}
	if dst.Len() != n.outputs() {
		return fmt.Errorf("%w: dst has length %d, the output layer has %d neurons", ErrShape, dst.Len(), n.outputs())
	}
	n.forwardSample(x)
	dst.CopyVec(&n.sample.as[len(n.layers)-1].VecDense)
	return nil
}

// forwardSample runs the forward pass of one sample, into n.sample.
func (n *Network) forwardSample(x *mat.VecDense) {
	n.sample.init(n.sizes)
	n.sample.x = x
	n.forward(&n.sample)
}

// FeedForwardBatch sets dst to the output activations for a batch of
// inputs, one sample per row of x: Zᵀ = Aᵀ·Wᵀ + 1·bᵀ and Aᵀ = σ(Zᵀ) for each
// layer, one matrix product per layer. An empty dst is sized for you.
func (n *Network) FeedForwardBatch(dst, x *mat.Dense) error {
	if err := n.checkModel(); err != nil {
		return err
	}
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
	dst.Copy(n.forwardBatch(x))
	return nil
}

// forwardBatch runs the forward pass of a batch, into n.batch, and returns
// the output activations.
func (n *Network) forwardBatch(x *mat.Dense) *mat.Dense {
	m, _ := x.Dims()
	n.batch.resize(n.sizes, m)
	n.batch.x = x
	n.forward(&n.batch)
	return n.batch.a(len(n.layers) - 1)
}

// Trace returns the activations of every layer after the input, a^2 to
// a^L, for the input x, in new vectors: what each neuron does for one
// sample, the outputs last. Unlike FeedForward it uses none of the
// network's buffers, only reads its parameters: any number of goroutines
// may call Trace on one network at once (a server answering requests),
// as long as nothing trains or changes it meanwhile.
func (n *Network) Trace(x *mat.VecDense) ([]*mat.VecDense, error) {
	if err := n.checkModel(); err != nil {
		return nil, err
	}
	if err := n.checkInput(x); err != nil {
		return nil, err
	}
	p := &samplePass{x: x}
	p.init(n.sizes)
	n.forward(p)
	as := make([]*mat.VecDense, len(p.as))
	for i, a := range p.as {
		as[i] = &a.VecDense
	}
	return as, nil
}

// checkInput returns an error unless x is one sample's input for n.
func (n *Network) checkInput(x *mat.VecDense) error {
	if x.Len() != n.inputs() {
		return fmt.Errorf("%w: input has length %d, the input layer has %d neurons", ErrShape, x.Len(), n.inputs())
	}
	return nil
}
