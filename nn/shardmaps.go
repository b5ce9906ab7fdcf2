package nn

import "github.com/vzorecky/backprop/mat"

// A sharded step on samples that map their zeros (ZeroMapper) makes the
// map of its mini-batch once, for every shard's products, rather than on
// each core; and makes it a step ahead, on the last helper while the
// training goroutine does the layers above the first, when that helper
// would otherwise wait (it prefetches the same samples just before). The
// map then costs the training goroutine, the critical path, nothing: at
// [784, 30, 10], batch 100, an epoch took 64.7 → 60.1 ms (twelfth round,
// benchmarks/README.md). The map the step reads and the one made ahead
// are two buffers in turn.

// batchMaps is the maps of the zeros of a sharded step's mini-batch and
// of the next one.
type batchMaps struct {
	mapper ZeroMapper // the samples, or nil if they map no zeros
	maps   [2]mat.NonzeroGroups
	cur    int // maps[cur] is the running step's map
	ahead  int // where the mini-batch in maps[1−cur] begins in the epoch's order, or −1
}

// newBatchMaps returns the maps of d's mini-batches, none made yet.
func newBatchMaps(d Samples) batchMaps {
	mapper, _ := d.(ZeroMapper)
	return batchMaps{mapper: mapper, ahead: -1}
}

// current returns the map of the step on samples [from, to) of order:
// the one made ahead when it is of those samples, else one made now. It
// returns nil when the samples map no zeros.
func (b *batchMaps) current(order []int, from, to int) *mat.NonzeroGroups {
	if b.mapper == nil {
		return nil
	}
	if b.ahead == from {
		b.cur = 1 - b.cur
	} else {
		b.mapper.MapZeros(&b.maps[b.cur], order[from:to])
	}
	b.ahead = -1
	return &b.maps[b.cur]
}

// makeAhead makes the map of the next step's samples, of the given
// indices, which begin at from in the epoch's order, in the buffer the
// running step does not read.
func (b *batchMaps) makeAhead(from int, indices []int) {
	if b.mapper == nil {
		return
	}
	b.mapper.MapZeros(&b.maps[1-b.cur], indices)
	b.ahead = from
}
