package mat

import (
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas"
)

// A product large enough is cut into strips of the destination, which the
// caller and worker goroutines, living as long as the program, claim one
// at a time until none is left. Strips start where the kernels' groups
// start, so every element is computed by one goroutine with the same kernel
// and in the same order as by a single thread: the results are the same,
// bit for bit, whatever the number of threads and whoever computes which
// strip. Claiming strips rather than being handed a share means that a
// worker the system does not run for a while (a busy virtual machine)
// delays the product by one strip at most: the caller computes the rest.

// minStripWork is the least work of a strip, in multiply-adds: handing one
// to another goroutine costs about a microsecond, the time of some 30,000
// multiply-adds.
const minStripWork = 1 << 15

// minParallelWork is the least work of a product worth splitting. Below
// it, the caches pay more than the threads save: a strip of the weights
// written on one core is read on another by the next product. Measured
// on [784, 30, 10]: at batch 10 (235,200 multiply-adds a product) a split
// made the epoch 10–20 % slower.
//
// Weights that fit in a core's L2 cache (at most cachedWeights doubles)
// stay there from one product to the next on one core; split, they move
// between the cores' caches at every step. Such a product is split only
// from minCachedParallelWork, where the arithmetic outweighs that.
// Measured side by side, epochs of one thread against two: [784, 30, 10]
// at batch 100 (2.4 million multiply-adds a product, 24,000 weights) 0.15
// against 0.17–0.20 s, at batch 1000 (24 million) 0.17 against 0.20 s;
// [784, 100, 10] at batch 100 (7.8 million, 78,000) 0.44 against 0.47 s,
// but at batch 1000 (78 million) 0.40 against 0.30 s;
// [784, 800, 10] (627,000 weights, which stream from memory either way)
// gains from batch 10 (6.3 million): 4.9 against 3.8 s.
const (
	minParallelWork       = 1 << 20
	cachedWeights         = 1 << 17
	minCachedParallelWork = 1 << 25
)

// stripsPerThread is how many strips a product is cut into per thread, so
// that a goroutine that is late leaves little undone.
const stripsPerThread = 4

// maxThreads bounds the goroutines of one product.
const maxThreads = 64

// gemmArgs are the arguments of a Dgemm, and the map of the zeros of its
// sparse operand, if it was given one (Tuned.MulABT, Tuned.MulATB).
type gemmArgs struct {
	tA, tB  blas.Transpose
	m, n, k int
	alpha   float64
	a       []float64
	lda     int
	b       []float64
	ldb     int
	beta    float64
	c       []float64
	ldc     int
	nz      groupRows
}

// job is a product being computed in strips: the caller's arguments, how
// they are cut, the next strip to claim and how many are not done yet. The
// last goroutine done with it puts it back for another product.
type job struct {
	t    Tuned // its dgemm, on the goroutine that claims a strip
	args gemmArgs
	cutting

	next atomic.Int32 // the next strip to claim
	left atomic.Int32 // strips not computed yet
	refs atomic.Int32 // goroutines using the job
}

// work computes strips until none is left to claim.
func (j *job) work() {
	for {
		s := int(j.next.Add(1)) - 1
		if s >= j.strips {
			return
		}
		j.strip(s)
		j.left.Add(-1)
	}
}

// strip computes strip s, a Dgemm of its own on slices of the arguments.
func (j *job) strip(s int) {
	g := j.args
	from, to := stripBound(j.size, j.strips, j.align, s), stripBound(j.size, j.strips, j.align, s+1)
	if j.byRows { // rows of c, and of op(a)
		g.m, g.c = to-from, g.c[from*g.ldc:]
		if g.tA != blas.NoTrans {
			g.a = g.a[from:]
		} else {
			g.a, g.nz = g.a[from*g.lda:], g.nz.from(from)
		}
	} else { // columns of c, and of op(b)
		g.n, g.c = to-from, g.c[from:]
		if g.tB != blas.NoTrans {
			g.b = g.b[from*g.ldb:]
		} else {
			g.b = g.b[from:]
		}
	}
	j.t.dgemm(&g)
}

// release ends one goroutine's use of j; the last one puts j back.
func (j *job) release() {
	if j.refs.Add(-1) == 0 {
		j.args = gemmArgs{} // hold on to no caller's matrices
		pool.jobs <- j
	}
}

// worker is a goroutine that works on the jobs handed to it, one at a
// time. Waking a parked goroutine takes tens of microseconds on a virtual
// machine, as long as a whole product at these sizes, so a worker first
// waits for its next job spinning (yielding its thread now and then to
// any other goroutine), and parks only after about 50 µs without one.
type worker struct {
	job   *job
	state atomic.Int32 // idle, ready or asleep
	wake  chan struct{}
}

const (
	idle   = iota // no job; the worker spins
	ready         // job is set, for the worker to work on
	asleep        // the worker is parked on wake
)

// spinLimit is how many times a worker looks for a job before it parks,
// about 50 µs; waiting goroutines yield their thread every yieldEvery looks.
const (
	spinLimit  = 1 << 14
	yieldEvery = 1 << 8
)

func (w *worker) loop() {
	for {
		for spins := 0; w.state.Load() != ready; spins++ {
			if spins%yieldEvery == yieldEvery-1 {
				runtime.Gosched()
			}
			if spins >= spinLimit && w.state.CompareAndSwap(idle, asleep) {
				<-w.wake // the caller has set ready
				break
			}
		}
		j := w.job
		j.work()
		w.job = nil
		w.state.Store(idle)
		j.release()
		pool.workers <- w
	}
}

// start hands j to the idle worker w.
func (w *worker) start(j *job) {
	w.job = j
	if !w.state.CompareAndSwap(idle, ready) { // asleep
		w.state.Store(ready)
		w.wake <- struct{}{}
	}
}

// pool holds the idle workers and the free jobs. It makes them as products
// ask for them, as many workers as the most threads asked for less one,
// and never stops them.
var pool struct {
	mu      sync.Mutex
	started int
	workers chan *worker
	jobs    chan *job
}

func init() {
	pool.workers = make(chan *worker, maxThreads)
	pool.jobs = make(chan *job, 2*maxThreads)
}

// ensure makes workers until n exist, and a job for every worker and one
// more for the caller.
func ensure(n int) {
	pool.mu.Lock()
	defer pool.mu.Unlock()
	for ; pool.started < n; pool.started++ {
		w := &worker{wake: make(chan struct{}, 1)}
		go w.loop()
		pool.workers <- w
		pool.jobs <- new(job)
		if pool.started == 0 {
			pool.jobs <- new(job)
		}
	}
}

// ThreadCount returns how many goroutines t's products use: Threads, or
// runtime.GOMAXPROCS(0) when it is 0, and at most 64.
func (t Tuned) ThreadCount() int {
	if t.Threads > 0 {
		return min(t.Threads, maxThreads)
	}
	return min(runtime.GOMAXPROCS(0), maxThreads)
}

// Splits reports whether t's Dgemm with these transposes and sizes, and a
// non-zero alpha, is large enough to run on more than one goroutine.
func (t Tuned) Splits(tA, tB blas.Transpose, m, n, k int) bool {
	_, ok := t.plan(tA, tB, m, n, k)
	return ok
}

// cutting is how a product is cut into strips.
type cutting struct {
	strips int
	size   int  // the dimension cut: rows or columns of c
	align  int  // strips start at multiples of align
	byRows bool // cut into rows of c, else columns
}

// plan returns how t cuts a product with these transposes and sizes, and
// whether it does.
func (t Tuned) plan(tA, tB blas.Transpose, m, n, k int) (cutting, bool) {
	// The strips: whole rows of c where it has enough of them, so that no
	// two threads write to one cache line, else columns, eight at least (a
	// cache line); cut where the kernels' groups begin: the panels of eight
	// rows of a and the groups of three rows of b in mulNT, the groups of
	// three rows of c (the neurons of a weight gradient) in mulTN,
	// anywhere for gonum's products, which compute each element on its own.
	//
	// A forward product with more neurons (rows of b) than samples (rows
	// of a) is cut into neurons instead: each thread then reads only its
	// share of the weights, once for the whole batch, where a strip of a
	// few samples would read all of them. [784, 800, 10] at batch 100
	// (800 neurons, 100 samples), two cores, medians of six alternated
	// runs: the forward product 1.45 ms against 1.88 (go test
	// ./benchmarks -bench 'Product/sizes=784-800-10/batch=100$/op=forward'),
	// the epoch 1.83 s against 2.15.
	transA, transB := tA != blas.NoTrans, tB != blas.NoTrans
	p := cutting{size: m, align: 4, byRows: true}
	switch {
	case !transA && transB && m >= 2*panelHeight && m > n:
		p.align = panelHeight
	case !transA && transB:
		p.size, p.align, p.byRows = n, 3*8, false
	case transA && !transB:
		p.align = 3
	case m < 2*4:
		p.size, p.align, p.byRows = n, 8, false
	}
	threads := t.ThreadCount()
	work := m * n * k
	p.strips = min(threads*stripsPerThread, work/minStripWork, p.size/p.align)
	ok := threads >= 2 && p.strips >= 2 && work >= minParallelWork &&
		(weights(tA, tB, m, n, k) > cachedWeights || work >= minCachedParallelWork)
	return p, ok
}

// parallelDgemm computes c as Dgemm does, in strips on several goroutines
// when it is large enough, and reports whether it did; the arguments are
// checked.
func (t Tuned) parallelDgemm(g *gemmArgs) bool {
	p, ok := t.plan(g.tA, g.tB, g.m, g.n, g.k)
	if !ok || g.alpha == 0 {
		return false
	}
	threads, strips := t.ThreadCount(), p.strips
	ensure(threads - 1)
	var j *job
	select {
	case j = <-pool.jobs:
	default: // every job is taken: compute it here
		return false
	}
	j.t = t
	j.args = *g
	j.cutting = p
	j.next.Store(0)
	j.left.Store(int32(strips))
	j.refs.Store(1)
	for range min(threads-1, strips-1) {
		select {
		case w := <-pool.workers:
			j.refs.Add(1)
			w.start(j)
		default: // the other workers are on other products
		}
	}
	j.work()
	for spins := 0; j.left.Load() > 0; spins++ {
		if spins%yieldEvery == yieldEvery-1 {
			runtime.Gosched()
		}
	}
	j.release()
	return true
}

// weights returns how many doubles the weights of a network's product
// have: b of a·bᵀ (the forward pass) and of a·b (the error sent back), c
// of aᵀ·b (the weight gradient).
func weights(tA, tB blas.Transpose, m, n, k int) int {
	if tA != blas.NoTrans && tB == blas.NoTrans {
		return m * n
	}
	return n * k
}

// stripBound returns where strip i of strips starts in a dimension of
// size n cut at multiples of align, the strips as equal as that allows;
// strip number strips starts at n.
func stripBound(n, strips, align, i int) int {
	units := (n + align - 1) / align
	return min(n, units*i/strips*align)
}
