package nn

import (
	"runtime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/vzorecky/backprop/mat"
)

// A mini-batch of fewer than 256 gathered samples is trained on every
// core in a sharded step: the first layer's neurons are cut into shards,
// one per core. Each core gathers the whole mini-batch itself and feeds it
// forward through its shard's neurons; after the training goroutine
// (shard 0's core) has done the layers above and sent the errors back
// through the second layer's weights, each core takes its neurons' errors
// and steps their rows of the first layer's weights and biases. The
// inputs, the largest operand, never pass between cores: read by a core
// that had not gathered them, they cost more than the work they saved
// (see benchmarks/README.md, fifth round). Where the first layer is
// narrow, nor do the second layer's weights: shard 0's core reads them in
// the forward pass, sends the errors back through them and steps them,
// since each row is a few cache lines that the shards' columns would
// share (tenth round). Where it is wide, each shard does that with its own
// columns of them, in parallel (sixth round). A core that waits,
// a helper while the training goroutine does the layers above, the
// training goroutine while the helpers end the step, fetches the next
// mini-batch meanwhile, when the samples can (Prefetcher).
//
// That is faster than splitting each product between the cores, which is
// what mat.Tuned does with the large ones: [784, 800, 10] took 23 % less
// time an epoch at batch 10 and at batch 100 (sixth round). A shard's
// products therefore run on its own core only. The layers above the first
// run on the training goroutine; where one of them is large enough for
// Tuned to split its products, the step is not sharded, so that the
// helpers do not spin on the cores Tuned's workers need.
//
// Every sum is taken as in the whole batch's step, so the bits are the
// same: a shard's products are the whole products' rows or columns, each
// element summed in the same order (mat.Tuned computes elements, not
// partial sums, on any rows and columns), and an element-wise activation
// does not care which elements it is given with. The step is SGD's, with
// L2 decay, without dropout, on gathered samples and mat.Tuned.
//
// Samples that map their zeros (ZeroMapper, as mnist's do from their
// bytes) save every shard's first-layer products their search for the
// blank groups of inputs: the map, made once a step (shardmaps.go), goes
// to mat.Tuned.MulABT and MulATB, which give the same bits as Dgemm.

// A shard is one core's part of a sharded step: the first layer's neurons
// [lo, hi).
type shard struct {
	lo, hi  int
	batch   gatherer     // the mini-batch, gathered by this shard's core
	z, a, d rows         // the shard's z, a and errors of the first layer
	w       mat.Dense    // its rows of the first layer's weights
	b       mat.VecDense // and of the biases
	next    mat.Dense    // its columns of the second layer's weights
}

// shardColumns is the fewest columns of the second layer's weights a
// shard must have to step its own: sixteen cache lines of a row. Measured
// against shard 0's core stepping them all (tenth round, neither
// significant): [784, 800, 10], 400 columns a shard, took 4 % less time
// an epoch at batch 100 stepping its own; [784, 100, 10], 50 a shard, 5 %
// more at batch 10.
const shardColumns = 16 * 8

// shardsStepNext reports whether the shards step their own columns of the
// second layer's weights.
func (t *trainer) shardsStepNext() bool {
	return t.net.sizes[1]/t.shardCount >= shardColumns
}

// shardArgs is what the running sharded step's phases read.
type shardArgs struct {
	from, to    int
	alpha, beta float64            // SGD's: −eta/m, and 1 − eta·λ/n
	nz          *mat.NonzeroGroups // the map of the mini-batch's zeros, or nil
}

// shardable reports whether the network and settings allow sharded steps
// at all, and into how many shards: 0 if not.
func (t *trainer) shardable() int {
	tuned, ok := t.tunedSGD()
	if !ok || len(t.net.layers) < 2 {
		return 0
	}
	switch t.net.activation(0).(type) {
	case Sigmoid, Tanh, ReLU, Identity:
	default:
		// An activation that mixes a row's values (softmax) needs the
		// whole row.
		return 0
	}
	// Helpers spin: more of them than Ps would take turns, not cores.
	cores := min(tuned.ThreadCount(), runtime.GOMAXPROCS(0))
	// Shards of at least eight neurons, the width of Tuned's forward tiles.
	shards := min(cores, t.net.sizes[1]/8)
	if shards < 2 {
		return 0
	}
	return shards
}

// shards reports whether the step on m gathered samples is sharded: below
// the blocks' batch sizes (blocked.go), when Tuned would split none of the
// products of the layers above the first.
func (t *trainer) shards(m int) bool {
	if t.shardCount == 0 {
		return false
	}
	if m >= 2*blockRows {
		return false
	}
	tuned := t.net.blas().(mat.Tuned)
	for i := 2; i < len(t.net.sizes); i++ {
		in, out := t.net.sizes[i-1], t.net.sizes[i]
		if tuned.Splits(blas.NoTrans, blas.Trans, m, out, in) || tuned.Splits(blas.Trans, blas.NoTrans, out, in, m) ||
			tuned.Splits(blas.NoTrans, blas.NoTrans, m, in, out) {
			return false
		}
	}
	return true
}

// startShards cuts the first layer into t.shardCount shards and starts a
// crew with a goroutine for each but the first. The cuts are at multiples
// of three neurons, where Tuned's kernels take their groups of neurons in
// both products (see mat.Tuned.plan); elsewhere a neuron's sums would be
// taken by another kernel, in another order.
func (t *trainer) startShards() {
	l, n := t.net.layers[0], t.net.sizes[1]
	t.shardParts = make([]shard, t.shardCount)
	for k := range t.shardParts {
		s := &t.shardParts[k]
		s.lo, s.hi = t.shardBound(k, n), t.shardBound(k+1, n)
		mat.ViewRows(&s.w, l.w, s.lo, s.hi)
		s.b.SetRawVector(blas64.Vector{N: s.hi - s.lo, Inc: 1, Data: l.b.RawVector().Data[s.lo:s.hi]})
		next := t.net.layers[1].w.RawMatrix()
		s.next.SetRawMatrix(blas64.General{Rows: next.Rows, Cols: s.hi - s.lo, Stride: next.Stride, Data: next.Data[s.lo:]})
	}
	one := t.net.blas().(mat.Tuned)
	one.Threads = 1
	t.shardBLAS = one
	t.maps = newBatchMaps(t.data)
	t.crew = newCrew(t.shardCount-1, t.shardIdle, t.shardForward, t.shardBackward)
}

// shardIdle is what a core does in a sharded step where it would wait: a
// helper while the training goroutine does the layers above the first,
// after phase 0, and the training goroutine while the helpers end phase
// 1. Each starts to fetch the next mini-batch of the epoch, when the
// samples can (Prefetcher), so that its gather finds them in its cache;
// the last helper then makes the next mini-batch's map of zeros.
func (t *trainer) shardIdle(part, phase int) {
	st := &t.shardArgs
	waits := part == 0 && phase == 1 || part != 0 && phase == 0
	if !waits || st.to == len(t.order) {
		return
	}
	m := st.to - st.from
	next := t.order[st.to:min(st.to+m, len(t.order))]
	if t.prefetch != nil {
		t.prefetch.Prefetch(next)
	}
	if part == len(t.shardParts)-1 {
		t.maps.makeAhead(st.to, next)
	}
}

// shardBound returns where shard k of n neurons begins; shard
// t.shardCount begins at n.
func (t *trainer) shardBound(k, n int) int {
	if k == t.shardCount {
		return n
	}
	return (n*k/t.shardCount + 1) / 3 * 3
}

// stopShards ends the crew, if there is one.
func (t *trainer) stopShards() {
	if t.crew != nil {
		t.crew.stop()
		t.crew = nil
	}
}

// shardedStep is the SGD step on samples [from, to) of the epoch's order,
// sharded; it returns their cost.
func (t *trainer) shardedStep(from, to int, eta float64) (float64, error) {
	if err := checkLearningRate(eta); err != nil {
		return 0, err
	}
	if t.crew == nil {
		t.startShards()
	}
	n, m := t.net, to-from
	t.shardArgs = shardArgs{from: from, to: to, alpha: -eta / float64(m), beta: 1 - eta*t.decay,
		nz: t.maps.current(t.order, from, to)}
	t.crew.run(0)

	p := &n.batch
	p.resize(n.sizes, m)
	p.x, p.dropout = &t.shardParts[0].batch.x.Dense, nil
	for k := range t.shardParts {
		s := &t.shardParts[k]
		copyColumns(p.a(0), s.lo, &s.a.Dense, 0, s.hi-s.lo)
	}
	n.forwardFrom(p, 1)
	cost := n.backwardTo(p, &t.shardParts[0].batch.y.Dense, 0, 1)
	if !t.shardsStepNext() {
		p.propagate(t.shardBLAS, &n.layers[1], 1)
	}
	t.crew.run(1)
	return cost / float64(m), nil
}

// shardForward is a sharded step's first phase on shard k: gather the
// mini-batch, and feed it through the shard's neurons of the first layer.
func (t *trainer) shardForward(k int) {
	s, n, st := &t.shardParts[k], t.net, &t.shardArgs
	m := st.to - st.from
	indices := t.order[st.from:st.to]
	if t.bytes != nil {
		// Only the training goroutine reads the targets.
		s.batch.batchBytes(t.bytes, t.allBytes, indices, k == 0, t.shardBLAS, s.hi-s.lo)
	} else {
		s.batch.gatherFor(t.data, indices)
	}
	s.z.resize(m, s.hi-s.lo)
	s.a.resize(m, s.hi-s.lo)
	s.batch.forward(t.shardBLAS, &s.z.Dense, st.nz, &s.w)
	mat.AddRowVec(&s.z.Dense, &s.b)
	n.activation(0).Apply(&s.a.Dense, &s.z.Dense)
}

// shardBackward is a sharded step's last phase on shard k: the errors
// sent back to its neurons (BP2) and the step of their rows of the first
// layer's weights and biases. The product of the errors with the second
// layer's weights, and the step of those, is the shard's own columns of
// them, or else the training goroutine's, for all of them. The last shard
// steps the second layer's biases and the layers above: its helper would
// otherwise wait for shard 0, which has gathered the targets as well and
// done everything in between.
func (t *trainer) shardBackward(k int) {
	s, n, st := &t.shardParts[k], t.net, &t.shardArgs
	impl, p := t.shardBLAS, &n.batch
	m := st.to - st.from
	s.d.resize(m, s.hi-s.lo)
	next := t.shardsStepNext()
	if next {
		mat.Mul(impl, &s.d.Dense, 1, false, p.delta(1), false, &s.next, 0)
	} else {
		copyColumns(&s.d.Dense, 0, p.delta(0), s.lo, s.hi-s.lo)
	}
	n.activation(0).Backward(&s.d.Dense, &s.z.Dense, &s.a.Dense)
	s.batch.gradient(impl, &s.w, st.alpha, &s.d.Dense, st.nz, st.beta)
	mat.RowSum(&s.b, st.alpha, &s.d.Dense, 1)
	switch {
	case next:
		mat.Mul(impl, &s.next, st.alpha, true, p.delta(1), false, &s.a.Dense, st.beta)
	case k == 0:
		p.addWeightGradient(impl, 1, n.layers[1].w, st.alpha, st.beta)
	}
	if k != len(t.shardParts)-1 {
		return
	}
	n.addBiasGradient(1, n.layers[1].b, st.alpha, 1)
	for i := 2; i < len(n.layers); i++ {
		l := n.layers[i]
		n.addWeightGradient(i, l.w, st.alpha, st.beta)
		n.addBiasGradient(i, l.b, st.alpha, 1)
	}
}

// copyColumns copies the cols columns of src from column sj on into
// those of dst from column dj on.
func copyColumns(dst *mat.Dense, dj int, src *mat.Dense, sj, cols int) {
	d, s := dst.RawMatrix(), src.RawMatrix()
	for i := range s.Rows {
		copy(d.Data[i*d.Stride+dj:i*d.Stride+dj+cols], s.Data[i*s.Stride+sj:i*s.Stride+sj+cols])
	}
}
