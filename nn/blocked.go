package nn

import (
	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/mat"
)

// A large mini-batch of gathered samples trains in blocks of blockRows:
// each block is gathered, fed forward and backpropagated, and its part of
// the weight gradient added, while its inputs are still in the core's
// cache. Gathered whole, a batch of 1000 MNIST images (6.3 MB) leaves the
// L2 cache before the forward product reads it, and again before the
// gradient does. [784, 30, 10] at batch 1000, ten alternated runs: an
// epoch took 134 ms this way against 162 ms whole, level with batch 100
// (126 ms in the same runs, not a significant difference).
//
// The step is SGD's, with the same bits as the whole batch's:
//   - the weights' gradient goes into a copy of the weights, the first
//     block's product scaling it by SGD's beta and the others adding to
//     it. mat.Tuned's aᵀ·b adds the samples into c one after another, so
//     that is the whole product, bit for bit, when the blocks are
//     multiples of mat.TunedGradientBlock samples. Other BLAS
//     implementations need not sum that way: they keep the whole batch;
//   - the biases' gradient is summed over the whole batch's errors, which
//     the blocks leave in the pass's rows, as the whole batch does;
//   - the cost is added sample by sample across the blocks.
//
// Dropout and the other step rules keep the whole batch, and so do
// networks whose whole-batch products Tuned splits between cores: blocks
// too small to split were slower there ([784, 100, 10] at batch 1000 on
// two cores: 402 against 360 ms).
const blockRows = 2 * mat.TunedGradientBlock

// blocks reports whether the step on m gathered samples runs in blocks.
func (t *trainer) blocks(m int) bool {
	tuned, ok := t.tunedSGD()
	if !ok || m < 2*blockRows {
		return false
	}
	for i := 1; i < len(t.net.sizes); i++ {
		in, out := t.net.sizes[i-1], t.net.sizes[i]
		if tuned.Splits(blas.NoTrans, blas.Trans, m, out, in) || tuned.Splits(blas.Trans, blas.NoTrans, out, in, m) {
			return false
		}
	}
	return true
}

// blockedStep is the SGD step on samples [from, to) of the epoch's order,
// in blocks; it returns their cost.
func (t *trainer) blockedStep(from, to int, eta float64) (float64, error) {
	if err := checkLearningRate(eta); err != nil {
		return 0, err
	}
	n, g := t.net, t.gather
	m := to - from
	g.resize(t.data, m)
	n.batch.resize(n.sizes, m)
	n.batch.x, n.batch.dropout = &g.x.Dense, nil
	if t.sums == nil {
		t.sums = make([]mat.Dense, len(n.layers))
		for i, l := range n.layers {
			t.sums[i].ReuseAs(l.w.Dims())
		}
	}
	alpha := -eta / float64(m)
	var cost float64
	for s := 0; s < m; s += blockRows {
		e := min(s+blockRows, m)
		mat.ViewRows(&t.bx, &g.x.Dense, s, e)
		mat.ViewRows(&t.by, &g.y.Dense, s, e)
		t.data.Gather(&t.bx, &t.by, t.order[from+s:from+e])
		t.block.view(&n.batch, &t.bx, s, e)
		n.forward(&t.block)
		cost = n.backward(&t.block, &t.by, cost)
		for i, l := range n.layers {
			beta := 1.0
			if s == 0 {
				t.sums[i].Copy(l.w)
				beta = 1 - eta*t.decay
			}
			t.block.addWeightGradient(n.blas(), i, &t.sums[i], alpha, beta)
		}
	}
	for i, l := range n.layers {
		l.w.Copy(&t.sums[i])
		n.addBiasGradient(i, l.b, alpha, 1)
	}
	return cost / float64(m), nil
}

// tunedSGD returns the network's mat.Tuned when the steps may be taken
// otherwise than whole, in blocks or sharded: SGD steps, without dropout,
// on gathered samples, through mat.Tuned, whose summation order both rely
// on for the whole batch's bits.
func (t *trainer) tunedSGD() (mat.Tuned, bool) {
	tuned, ok := t.net.blas().(mat.Tuned)
	_, sgd := t.s.StepRule.(SGD)
	return tuned, ok && sgd && t.gather != nil && t.drop == nil
}
