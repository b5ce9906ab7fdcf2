package nn

import "github.com/vzorecky/backprop/mat"

// gatherer copies the samples of an epoch in its order, shuffled or not, a
// chunk of several mini-batches at a time, into two buffers in turn, on a
// goroutine of its own: the copying walks the whole data set (in random
// order when shuffling, making float64 rows of compact samples) bound by
// memory rather than arithmetic, so it runs on a second core while the
// first steps through the previous chunk. Whole chunks keep the hand-overs
// few when mini-batches are small.
type gatherer struct {
	data  Samples
	bufs  [2]chunk
	ready chan *chunk   // gathered, in order
	free  chan *chunk   // stepped through, to be filled again
	stop  chan struct{} // closed to end the epoch, early or not
	done  chan struct{} // closed when the goroutine has returned
}

// chunk holds samples [first, first+rows) of the epoch's order, one per
// row of x and y.
type chunk struct {
	x, y  rows
	first int
}

// chunkSamples is about how many samples a chunk holds: a whole number of
// mini-batches, and at least one.
const chunkSamples = 100

func newGatherer(data Samples) *gatherer {
	return &gatherer{data: data, ready: make(chan *chunk, 2), free: make(chan *chunk, 2)}
}

// start gathers order's samples, in chunks of whole mini-batches of m,
// until finish.
func (g *gatherer) start(order []int, m int) {
	size := m * max(1, chunkSamples/m)
	g.stop, g.done = make(chan struct{}), make(chan struct{})
	g.free <- &g.bufs[0]
	g.free <- &g.bufs[1]
	go func() {
		defer close(g.done)
		for from := 0; from < len(order); from += size {
			var c *chunk
			select {
			case c = <-g.free:
			case <-g.stop:
				return
			}
			c.fill(g.data, order, from, min(from+size, len(order)))
			select {
			case g.ready <- c:
			case <-g.stop:
				return
			}
		}
	}()
}

// batch returns samples [from, to) of the epoch's order as views into the
// current chunk, moving on to the next chunk when they lie beyond it. The
// mini-batches must be asked for in order.
func (g *gatherer) batch(cur **chunk, x, y *mat.Dense, from, to int) {
	c := *cur
	if c == nil || to > c.first+c.x.RawMatrix().Rows {
		if c != nil {
			g.free <- c
		}
		c = <-g.ready
		*cur = c
	}
	mat.ViewRows(x, &c.x.Dense, from-c.first, to-c.first)
	mat.ViewRows(y, &c.y.Dense, from-c.first, to-c.first)
}

// finish ends the goroutine, whether or not it gathered everything, and
// empties the channels for the next epoch.
func (g *gatherer) finish() {
	close(g.stop)
	<-g.done
	for len(g.ready) > 0 {
		<-g.ready
	}
	for len(g.free) > 0 {
		<-g.free
	}
}

// fill copies samples order[from:to] of data into c.
func (c *chunk) fill(data Samples, order []int, from, to int) {
	_, in, out := data.Dims()
	c.first = from
	c.x.resize(to-from, in)
	c.y.resize(to-from, out)
	data.Gather(&c.x.Dense, &c.y.Dense, order[from:to])
}
