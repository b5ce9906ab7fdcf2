package mat

import (
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas"
)

// A product large enough is split into parts, one per thread, that
// goroutines living as long as the program compute beside the caller. The
// parts are strips of the destination whose bounds depend only on the
// shapes and the number of threads, never on which goroutine is free, and
// every element is computed by one part, with the same kernel and in the
// same order as by a single thread (strips start at multiples of the
// kernels' grouping), so the results are the same, bit for bit, on any
// number of threads.

// minPartWork is the least work, in multiply-adds, worth handing to another
// goroutine: waking one costs about a microsecond, the time of some 30,000
// multiply-adds.
const minPartWork = 1 << 15

// maxParts bounds the parts of one product.
const maxParts = 64

// gemmPart is a strip of a Dgemm: a whole Dgemm of its own, on slices of
// the caller's matrices.
type gemmPart struct {
	t       Tuned
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
}

func (p *gemmPart) run() {
	p.t.dgemm(p.tA, p.tB, p.m, p.n, p.k, p.alpha, p.a, p.lda, p.b, p.ldb, p.beta, p.c, p.ldc)
}

// worker is a goroutine that runs the parts handed to it, one at a time.
// Waking a parked goroutine takes tens of microseconds on a virtual
// machine, as long as a whole product at these sizes, so a worker first
// waits for its next part spinning (yielding its thread now and then to
// any other goroutine), and parks only after about 50 µs without one.
type worker struct {
	part  gemmPart
	state atomic.Int32 // idle, ready, done or asleep
	wake  chan struct{}
}

const (
	idle   = iota // no part; the worker spins
	ready         // part is set, for the worker to run
	done          // the worker ran part
	asleep        // the worker is parked on wake
)

// spinLimit is how many times a worker looks for a part before it parks,
// about 50 µs; it yields its thread every yieldEvery looks.
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
		w.part.run()
		w.state.Store(done)
	}
}

// start hands p to the idle worker w.
func (w *worker) start(p gemmPart) {
	w.part = p
	if !w.state.CompareAndSwap(idle, ready) { // asleep
		w.state.Store(ready)
		w.wake <- struct{}{}
	}
}

// wait waits until w has run its part, and makes it idle.
func (w *worker) wait() {
	for spins := 0; w.state.Load() != done; spins++ {
		if spins%yieldEvery == yieldEvery-1 {
			runtime.Gosched()
		}
	}
	w.state.Store(idle)
}

// workers holds the idle workers. It starts them as products ask for
// them, up to one fewer than the most threads asked for, and never stops
// them.
var workers struct {
	mu      sync.Mutex
	started int
	idle    chan *worker
}

func init() { workers.idle = make(chan *worker, maxParts) }

// ensureWorkers starts workers until n exist.
func ensureWorkers(n int) {
	workers.mu.Lock()
	defer workers.mu.Unlock()
	for ; workers.started < n; workers.started++ {
		w := &worker{wake: make(chan struct{}, 1)}
		go w.loop()
		workers.idle <- w
	}
}

// threads returns how many threads t's products use.
func (t Tuned) threads() int {
	if t.Threads > 0 {
		return min(t.Threads, maxParts)
	}
	return min(runtime.GOMAXPROCS(0), maxParts)
}

// parallelDgemm computes c as Dgemm does, in parts on several goroutines
// when it is large enough, and reports whether it did; the arguments are
// checked.
func (t Tuned) parallelDgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	// The strips: whole rows of c where it has enough of them, so that no
	// two threads write to one cache line, else columns; cut where the
	// kernels' groups begin, the panels of eight rows of a in mulNT, the
	// groups of three rows of c (the neurons of a weight gradient) in
	// mulTN, anywhere for gonum's products, which compute each element on
	// its own (eight columns: a cache line).
	transA, transB := tA != blas.NoTrans, tB != blas.NoTrans
	size, align, byRows := m, 4, true
	switch {
	case !transA && transB && m >= 2*panelHeight:
		align = panelHeight
	case !transA && transB:
		size, align, byRows = n, 3, false
	case transA && !transB:
		align = 3
	case m < 2*4:
		size, align, byRows = n, 8, false
	}
	parts := min(t.threads(), m*n*k/minPartWork, (size+align-1)/align)
	if parts < 2 || alpha == 0 {
		return false
	}
	ensureWorkers(parts - 1)
	serial := Tuned{Gonum: t.Gonum, Threads: 1}
	var busy [maxParts]*worker
	for i := parts - 1; i >= 0; i-- {
		from, to := stripBound(size, parts, align, i), stripBound(size, parts, align, i+1)
		p := gemmPart{t: serial, tA: tA, tB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc}
		if byRows { // rows of c, and of op(a)
			p.m, p.c = to-from, c[from*ldc:]
			if transA {
				p.a = a[from:]
			} else {
				p.a = a[from*lda:]
			}
		} else { // columns of c, and of op(b)
			p.n, p.c = to-from, c[from:]
			if transB {
				p.b = b[from*ldb:]
			} else {
				p.b = b[from:]
			}
		}
		if i == 0 {
			p.run() // the caller's own part
			break
		}
		select {
		case w := <-workers.idle:
			busy[i] = w
			w.start(p)
		default: // another product has the workers: compute it here
			p.run()
		}
	}
	for _, w := range busy[1:parts] {
		if w != nil {
			w.wait()
			workers.idle <- w
		}
	}
	return true
}

// stripBound returns where strip i of parts starts in a dimension of size
// n cut at multiples of align, the strips as equal as that allows; strip
// parts starts at n.
func stripBound(n, parts, align, i int) int {
	units := (n + align - 1) / align
	return min(n, units*i/parts*align)
}
