package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/vzorecky/backprop/mat"
)

// A pass holds the work of one forward and backward pass: the weighted
// inputs z, activations a and errors δ of every layer but the input (index
// l−2 holds layer l), one sample per row. The algorithm is written once,
// in Network.forward and Network.backward; a pass supplies the two
// products that differ between one sample (MulVec, as the cookbook writes
// it) and a batch (one matrix product per layer).
type pass interface {
	z(i int) *mat.Dense
	a(i int) *mat.Dense
	delta(i int) *mat.Dense

	// weigh sets z(i) to layer i's weighted input from the layer below:
	// z = w·a + b (F3).
	weigh(impl blas.Float64, l *layer, i int)

	// propagate sets delta(i−1) to delta(i) sent back through layer i's
	// weights, the product of BP2: wᵀ·δ for a sample, Δ·w for a batch.
	propagate(impl blas.Float64, l *layer, i int)

	// drop applies dropout to hidden layer i's activations, and dropBack
	// to the error sent back to them, when the pass drops (a batch in a
	// training step with Settings.Dropout); otherwise they do nothing.
	drop(i int)
	dropBack(i int)
}

// forward is cookbook step 2: a = σ(z) layer by layer (F2, F3).
func (n *Network) forward(p pass) { n.forwardFrom(p, 0) }

// forwardFrom is forward from layer first on, the layers below it already
// fed forward in p.
func (n *Network) forwardFrom(p pass, first int) {
	impl := n.blas()
	for i := first; i < len(n.layers); i++ {
		p.weigh(impl, &n.layers[i], i)
		n.activation(i).Apply(p.a(i), p.z(i))
		if i < len(n.layers)-1 {
			p.drop(i)
		}
	}
}

// backward is cookbook steps 3 and 4, after forward: the output error
// (BP1) and the errors of the hidden layers (BP2), left in p. y holds the
// targets, one per row. It adds the samples' costs to cost, one by one,
// and returns the sum.
func (n *Network) backward(p pass, y *mat.Dense, cost float64) float64 {
	return n.backwardTo(p, y, cost, 0)
}

// backwardTo is backward down to layer lowest's errors; those below are
// left as they were.
func (n *Network) backwardTo(p pass, y *mat.Dense, cost float64, lowest int) float64 {
	impl := n.blas()
	last := len(n.layers) - 1
	cost = outputError(n.cost(), n.activation(last), p.delta(last), p.z(last), p.a(last), y, cost)
	for i := last; i > lowest; i-- {
		p.propagate(impl, &n.layers[i], i)
		p.dropBack(i - 1)
		n.activation(i-1).Backward(p.delta(i-1), p.z(i-1), p.a(i-1))
	}
	return cost
}

// rows is a matrix whose number of rows can change without allocating once
// its store has held that many, so that one set of buffers serves full
// mini-batches, the shorter last one and evaluation chunks.
type rows struct {
	mat.Dense
	store []float64
}

func (r *rows) resize(m, cols int) {
	if raw := r.RawMatrix(); raw.Rows == m && raw.Cols == cols {
		return
	}
	if cap(r.store) < m*cols {
		r.store = make([]float64, m*cols)
	}
	r.SetRawMatrix(blas64.General{Rows: m, Cols: cols, Stride: cols, Data: r.store[:m*cols]})
}

// row returns row i of m as a slice.
func row(m *mat.Dense, i int) []float64 {
	raw := m.RawMatrix()
	return raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
}

// batchPass is the pass of a mini-batch, x holding its inputs, and dropout
// that of a training step (nil otherwise).
type batchPass struct {
	x              *mat.Dense
	zs, as, deltas []rows
	dropout        *dropout
}

// resize makes room for m samples through layers of the given sizes.
func (w *batchPass) resize(sizes []int, m int) {
	if w.zs == nil {
		w.zs = make([]rows, len(sizes)-1)
		w.as = make([]rows, len(sizes)-1)
		w.deltas = make([]rows, len(sizes)-1)
	}
	for i, s := range sizes[1:] {
		w.zs[i].resize(m, s)
		w.as[i].resize(m, s)
		w.deltas[i].resize(m, s)
	}
}

func (w *batchPass) z(i int) *mat.Dense     { return &w.zs[i].Dense }
func (w *batchPass) a(i int) *mat.Dense     { return &w.as[i].Dense }
func (w *batchPass) delta(i int) *mat.Dense { return &w.deltas[i].Dense }

// input returns the activations that feed layer i: x for the first, the
// dropped ones with dropout.
func (w *batchPass) input(i int) *mat.Dense {
	switch {
	case i == 0:
		return w.x
	case w.dropout != nil:
		return &w.dropout.kept[i-1].Dense
	}
	return w.a(i - 1)
}

func (w *batchPass) drop(i int) {
	if w.dropout != nil {
		w.dropout.apply(i, w.a(i))
	}
}

func (w *batchPass) dropBack(i int) {
	if w.dropout != nil {
		w.dropout.backward(i, w.delta(i))
	}
}

// weigh sets Zᵀ = Aᵀ·Wᵀ + 1·bᵀ, one matrix product for the whole batch.
func (w *batchPass) weigh(impl blas.Float64, l *layer, i int) {
	z := w.z(i)
	mat.Mul(impl, z, 1, false, w.input(i), true, l.w, 0)
	mat.AddRowVec(z, l.b)
}

// propagate sets Δᵀ(i−1) = Δᵀ(i)·W(i).
func (w *batchPass) propagate(impl blas.Float64, l *layer, i int) {
	mat.Mul(impl, w.delta(i-1), 1, false, w.delta(i), false, l.w, 0)
}

// addWeightGradient sets dw = alpha·Δᵀ(i)·A(i−1) + beta·dw: layer i's
// weight gradient summed over p's samples (BP3).
func (w *batchPass) addWeightGradient(impl blas.Float64, i int, dw *mat.Dense, alpha, beta float64) {
	mat.Mul(impl, dw, alpha, true, w.delta(i), false, w.input(i), beta)
}

// view makes p rows [from, to) of whole, with x the inputs of those rows:
// a block of a mini-batch, whose results land in whole's rows.
func (p *batchPass) view(whole *batchPass, x *mat.Dense, from, to int) {
	if p.zs == nil {
		p.zs = make([]rows, len(whole.zs))
		p.as = make([]rows, len(whole.as))
		p.deltas = make([]rows, len(whole.deltas))
	}
	for i := range whole.zs {
		mat.ViewRows(&p.zs[i].Dense, whole.z(i), from, to)
		mat.ViewRows(&p.as[i].Dense, whole.a(i), from, to)
		mat.ViewRows(&p.deltas[i].Dense, whole.delta(i), from, to)
	}
	p.x = x
}

// vec is a vector that is also a one-row matrix on the same data, so that
// a single sample goes through MulVec and through the same activation and
// cost code as a batch.
type vec struct {
	mat.VecDense
	row mat.Dense
}

func newVec(n int) *vec {
	data := make([]float64, n)
	v := &vec{}
	v.SetRawVector(blas64.Vector{N: n, Inc: 1, Data: data})
	v.row.SetRawMatrix(blas64.General{Rows: 1, Cols: n, Stride: n, Data: data})
	return v
}

// samplePass is the pass of one sample, x holding its input; y holds a
// contiguous copy of its target.
type samplePass struct {
	x              *mat.VecDense
	zs, as, deltas []*vec
	y              *vec
}

func (w *samplePass) init(sizes []int) {
	if w.zs != nil {
		return
	}
	for _, s := range sizes[1:] {
		w.zs = append(w.zs, newVec(s))
		w.as = append(w.as, newVec(s))
		w.deltas = append(w.deltas, newVec(s))
	}
	w.y = newVec(sizes[len(sizes)-1])
}

func (w *samplePass) z(i int) *mat.Dense     { return &w.zs[i].row }
func (w *samplePass) a(i int) *mat.Dense     { return &w.as[i].row }
func (w *samplePass) delta(i int) *mat.Dense { return &w.deltas[i].row }

// input returns the activations that feed layer i: x for the first.
func (w *samplePass) input(i int) *mat.VecDense {
	if i == 0 {
		return w.x
	}
	return &w.as[i-1].VecDense
}

// weigh sets z = w·a + b, one MulVec (F3).
func (w *samplePass) weigh(impl blas.Float64, l *layer, i int) {
	z := &w.zs[i].VecDense
	mat.MulVec(impl, z, false, l.w, w.input(i))
	z.AddVec(z, l.b)
}

// A single sample is never dropped out: drop and dropBack do nothing.
func (w *samplePass) drop(int)     {}
func (w *samplePass) dropBack(int) {}

// propagate sets δ(i−1) = wᵀ·δ(i).
func (w *samplePass) propagate(impl blas.Float64, l *layer, i int) {
	mat.MulVec(impl, &w.deltas[i-1].VecDense, true, l.w, &w.deltas[i].VecDense)
}
