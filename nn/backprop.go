package nn

import (
	"fmt"
	"math"

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
	for i, w := range n.weights {
		r, c := w.Dims()
		g.Weights = append(g.Weights, mat.NewDense(r, c, nil))
		g.Biases = append(g.Biases, mat.NewVecDense(n.biases[i].Len(), nil))
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
	if len(g.Weights) != len(n.weights) || len(g.Biases) != len(n.biases) {
		panic(fmt.Sprintf("nn: gradients for %d layers, the network has %d", len(g.Weights)+1, len(n.sizes)))
	}
	for i, w := range n.weights {
		r, c := w.Dims()
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

func checkLearningRate(eta float64) error {
	if !(eta > 0) || math.IsInf(eta, 1) {
		return fmt.Errorf("%w: learning rate %v, it must be positive and finite", ErrSettings, eta)
	}
	return nil
}

// Gradient sets g to the gradient of the cost summed over the batch, one
// sample per row of x and y: Σ_x ∂C_x/∂w^l and Σ_x ∂C_x/∂b^l, computed as
// whole-batch matrix products (cookbook steps 1–4, BP1–BP4). It returns the
// batch's cost C = 1/(2m)·Σ_x ‖y(x) − a^L(x)‖² (F5). An empty g is sized for
// you.
func (n *Network) Gradient(g *Gradients, x, y *mat.Dense) (cost float64, err error) {
	if err := n.checkBatch(x, y); err != nil {
		return 0, err
	}
	n.prepare(g)
	g.Zero()
	cost = n.backpropBatch(x, y)
	n.addScaledGradient(g.Weights, g.Biases, 1, x)
	return cost, nil
}

// Step does one step of mini-batch gradient descent on the batch x, y, one
// sample per row: w^l → w^l − (ξ/m)·Σ_x ∂C_x/∂w^l (F7) and b^l → b^l −
// (ξ/m)·Σ_x ∂C_x/∂b^l (F8), with m the number of rows and ξ = eta. It
// returns the batch's cost before the step. Step does not look for NaN in
// x and y; a NaN there makes the returned cost NaN.
func (n *Network) Step(x, y *mat.Dense, eta float64) (cost float64, err error) {
	if err := checkLearningRate(eta); err != nil {
		return 0, err
	}
	if err := n.checkBatch(x, y); err != nil {
		return 0, err
	}
	m, _ := x.Dims()
	cost = n.backpropBatch(x, y)
	// The gradient is added straight into the weights: no gradient buffer,
	// and the update is the same product as Gradient's with another alpha.
	n.addScaledGradient(n.weights, n.biases, -eta/float64(m), x)
	return cost, nil
}

// backpropBatch runs cookbook steps 1–4 for a batch: the forward pass, the
// output error (BP1) and the errors of the hidden layers (BP2), left in
// n.batch. It returns the batch's mean cost.
func (n *Network) backpropBatch(x, y *mat.Dense) float64 {
	n.forwardBatch(x)
	w := &n.batch
	p, act, c := n.products(), n.activation(), n.cost()
	last := len(n.weights) - 1
	delta, a := &w.delta[last].Dense, &w.a[last].Dense
	m, _ := x.Dims()
	var total float64
	for r := range m {
		ar, yr := row(a, r), row(y, r)
		c.Gradient(row(delta, r), ar, yr)
		total += c.Value(ar, yr)
	}
	act.MulDerivative(delta.RawMatrix().Data, w.z[last].RawMatrix().Data, a.RawMatrix().Data)
	for i := last; i > 0; i-- {
		delta := &w.delta[i-1].Dense
		p.Mul(delta, 1, false, &w.delta[i].Dense, false, n.weights[i], 0)
		act.MulDerivative(delta.RawMatrix().Data, w.z[i-1].RawMatrix().Data, w.a[i-1].RawMatrix().Data)
	}
	return total / float64(m)
}

// addScaledGradient adds alpha times the batch's summed gradient to dstW
// and dstB, from the errors backpropBatch left: ∂C/∂w^l = Δ^l·(A^(l−1))ᵀ
// (BP3) and ∂C/∂b^l = Δ^l·1 (BP4), in the one-sample-per-row layout.
func (n *Network) addScaledGradient(dstW []*mat.Dense, dstB []*mat.VecDense, alpha float64, x *mat.Dense) {
	p := n.products()
	in := x
	for i := range n.weights {
		delta := &n.batch.delta[i].Dense
		p.Mul(dstW[i], alpha, true, delta, false, in, 1)
		mat.AddScaledRowSum(dstB[i], alpha, delta)
		in = &n.batch.a[i].Dense
	}
}

// AddSampleGradient adds the gradient of one sample's cost to g, computed
// sample by sample as the cookbook writes it: one MulVec per layer forward,
// δ^L = ∇ₐC ⊙ σ'(z^L) (BP1), δ^l = ((w^(l+1))ᵀ·δ^(l+1)) ⊙ σ'(z^l) (BP2),
// ∂C/∂w^l = δ^l·(a^(l−1))ᵀ as a rank-1 update (BP3) and ∂C/∂b^l = δ^l
// (BP4). It returns the sample's cost C_x. An empty g is sized for you.
func (n *Network) AddSampleGradient(g *Gradients, x, y *mat.VecDense) (cost float64, err error) {
	if x.Len() != n.inputs() {
		return 0, fmt.Errorf("%w: input has length %d, the input layer has %d neurons", ErrShape, x.Len(), n.inputs())
	}
	if y.Len() != n.outputs() {
		return 0, fmt.Errorf("%w: target has length %d, the output layer has %d neurons", ErrShape, y.Len(), n.outputs())
	}
	n.prepare(g)
	n.forwardSample(x)
	s := &n.sample
	p, act, c := n.products(), n.activation(), n.cost()
	last := len(n.weights) - 1
	s.y.CopyVec(y)
	a, yd, delta := s.a[last].RawVector().Data, s.y.RawVector().Data, s.delta[last].RawVector().Data
	c.Gradient(delta, a, yd)
	cost = c.Value(a, yd)
	act.MulDerivative(delta, s.z[last].RawVector().Data, a)
	for i := last; i > 0; i-- {
		p.MulVec(s.delta[i-1], true, n.weights[i], s.delta[i])
		act.MulDerivative(s.delta[i-1].RawVector().Data, s.z[i-1].RawVector().Data, s.a[i-1].RawVector().Data)
	}
	in := x
	for i := range n.weights {
		p.AddOuter(g.Weights[i], 1, s.delta[i], in)
		g.Biases[i].AddVec(g.Biases[i], s.delta[i])
		in = s.a[i]
	}
	return cost, nil
}

// AddScaled sets every w^l to w^l + alpha·g.Weights and every b^l to
// b^l + alpha·g.Biases. With alpha = −ξ/m and g summed over a mini-batch
// this is the SGD step of F7 and F8.
func (n *Network) AddScaled(alpha float64, g *Gradients) {
	n.prepare(g)
	for i, w := range n.weights {
		r, _ := w.Dims()
		for j := range r {
			dst, src := row(w, j), row(g.Weights[i], j)
			for k, v := range src {
				dst[k] += alpha * v
			}
		}
		n.biases[i].AddScaledVec(n.biases[i], alpha, g.Biases[i])
	}
}
