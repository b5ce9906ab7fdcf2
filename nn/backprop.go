package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// Gradients holds ∂C/∂w^l and ∂C/∂b^l for every layer, shaped like the
// network's weights and biases: index l−2 holds layer l.
type Gradients struct {
	Weights []*mat.Dense
	Biases  []*mat.VecDense
}

// NewGradients returns zeroed gradients shaped for n.
func (n *Network) NewGradients() *Gradients {
	g := &Gradients{}
	for i := range n.layers {
		out, in := n.layers[i].shape()
		g.Weights = append(g.Weights, mat.NewDense(out, in, nil))
		g.Biases = append(g.Biases, mat.NewVecDense(out, nil))
	}
	return g
}

// Zero sets every gradient to zero.
func (g *Gradients) Zero() {
	for i := range g.Weights {
		g.Weights[i].Zero()
		g.Biases[i].Zero()
	}
}

// prepare sizes an empty g for n and panics if a non-empty one does not fit.
func (n *Network) prepare(g *Gradients) {
	if len(g.Weights) == 0 && len(g.Biases) == 0 {
		*g = *n.NewGradients()
		return
	}
	if len(g.Weights) != len(n.layers) || len(g.Biases) != len(n.layers) {
		panic(fmt.Sprintf("nn: gradients for %d layers, the network has %d", len(g.Weights)+1, len(n.sizes)))
	}
	for i := range n.layers {
		r, c := n.layers[i].shape()
		gr, gc := g.Weights[i].Dims()
		if gr != r || gc != c || g.Biases[i].Len() != r {
			panic(fmt.Sprintf("nn: gradients %d are %d×%d with %d biases, the network's are %d×%d", i, gr, gc, g.Biases[i].Len(), r, c))
		}
	}
}

// checkBatch returns an error unless x and y are a non-empty batch, one
// sample per row, that fits the network.
func (n *Network) checkBatch(x, y *mat.Dense) error {
	m, in := x.Dims()
	my, out := y.Dims()
	switch {
	case in != n.inputs():
		return fmt.Errorf("%w: inputs have %d columns, the input layer has %d neurons", ErrShape, in, n.inputs())
	case out != n.outputs():
		return fmt.Errorf("%w: targets have %d columns, the output layer has %d neurons", ErrShape, out, n.outputs())
	case m != my:
		return fmt.Errorf("%w: %d input rows but %d target rows", ErrShape, m, my)
	case m == 0:
		return fmt.Errorf("%w: the batch is empty", ErrNoSamples)
	}
	return nil
}

// Gradient sets g to the gradient of the cost summed over the batch, one
// sample per row of x and y: Σ_x ∂C_x/∂w^l and Σ_x ∂C_x/∂b^l, computed as
// whole-batch matrix products (cookbook steps 1–4, BP1–BP4). It returns the
// batch's cost C = 1/(2m)·Σ_x ‖y(x) − a^L(x)‖² (F5). An empty g is sized for
// you.
func (n *Network) Gradient(g *Gradients, x, y *mat.Dense) (cost float64, err error) {
	if err := n.checkModel(); err != nil {
		return 0, err
	}
	if err := n.checkBatch(x, y); err != nil {
		return 0, err
	}
	n.prepare(g)
	cost = n.backpropBatch(x, y)
	for i := range n.layers {
		n.addWeightGradient(i, g.Weights[i], 1, 0)
		n.addBiasGradient(i, g.Biases[i], 1, 0)
	}
	return cost, nil
}

// backpropBatch runs the forward and backward passes of a batch, leaving
// its errors in n.batch, and returns the batch's mean cost.
func (n *Network) backpropBatch(x, y *mat.Dense) float64 {
	n.forwardBatch(x)
	m, _ := x.Dims()
	return n.backward(&n.batch, y, 0) / float64(m)
}

// addWeightGradient sets dw = alpha·∂C/∂w + beta·dw for layer i, from the
// errors backpropBatch left: ∂C/∂w^l = Δ^l·(A^(l−1))ᵀ (BP3), summed over the
// batch, in the one-sample-per-row layout. With beta == 0 dw is not read.
func (n *Network) addWeightGradient(i int, dw *mat.Dense, alpha, beta float64) {
	n.batch.addWeightGradient(n.blas(), i, dw, alpha, beta)
}

// addBiasGradient sets db = alpha·∂C/∂b + beta·db for layer i: ∂C/∂b^l =
// Δ^l·1 (BP4), summed over the batch.
func (n *Network) addBiasGradient(i int, db *mat.VecDense, alpha, beta float64) {
	mat.RowSum(db, alpha, n.batch.delta(i), beta)
}

// AddSampleGradient adds the gradient of one sample's cost to g, computed
// sample by sample as the cookbook writes it: one MulVec per layer forward,
// δ^L = ∇ₐC ⊙ σ'(z^L) (BP1), δ^l = ((w^(l+1))ᵀ·δ^(l+1)) ⊙ σ'(z^l) (BP2),
// ∂C/∂w^l = δ^l·(a^(l−1))ᵀ as a rank-1 update (BP3) and ∂C/∂b^l = δ^l
// (BP4). It returns the sample's cost C_x. An empty g is sized for you.
func (n *Network) AddSampleGradient(g *Gradients, x, y *mat.VecDense) (cost float64, err error) {
	if err := n.checkModel(); err != nil {
		return 0, err
	}
	if err := n.checkInput(x); err != nil {
		return 0, err
	}
	if y.Len() != n.outputs() {
		return 0, fmt.Errorf("%w: target has length %d, the output layer has %d neurons", ErrShape, y.Len(), n.outputs())
	}
	n.prepare(g)
	n.forwardSample(x)
	s := &n.sample
	s.y.CopyVec(y)
	cost = n.backward(s, &s.y.row, 0)
	impl := n.blas()
	for i := range n.layers {
		delta := &s.deltas[i].VecDense
		mat.AddOuter(impl, g.Weights[i], 1, delta, s.input(i))
		g.Biases[i].AddVec(g.Biases[i], delta)
	}
	return cost, nil
}

// AddScaled sets every w^l to w^l + alpha·g.Weights and every b^l to
// b^l + alpha·g.Biases. With alpha = −ξ/m and g summed over a mini-batch
// this is the SGD step of F7 and F8.
func (n *Network) AddScaled(alpha float64, g *Gradients) {
	n.prepare(g)
	for i := range n.layers {
		w, b := n.layers[i].w, n.layers[i].b
		r, _ := w.Dims()
		for j := range r {
			dst, src := row(w, j), row(g.Weights[i], j)
			for k, v := range src {
				dst[k] += alpha * v
			}
		}
		b.AddScaledVec(b, alpha, g.Biases[i])
	}
}
