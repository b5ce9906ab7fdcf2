package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// Samples is a set of samples that training and evaluation read a few at
// a time: a Dataset of float64 matrices, or a compact form such as
// mnist's, which keeps one byte per pixel and makes the float64 rows only
// when they are gathered.
type Samples interface {
	// Dims returns the number of samples and the lengths of an input and
	// of a target.
	Dims() (n, in, out int)

	// Gather copies the samples of the given indices, in their order, into
	// the rows of x and y, which have len(indices) rows of in and out
	// columns. The values must be finite: only a Dataset is checked for
	// NaN and Inf before training.
	//
	// Training may call Gather from several goroutines at once, each with
	// its own x and y: a step on several cores gathers the mini-batch on
	// each of them. Gather must only read the samples.
	Gather(x, y *mat.Dense, indices []int)
}

// ZeroMapper is Samples that map the zeros of the inputs they gather more
// cheaply than a search of the float64 rows would: mnist's do it from
// their bytes. A step shared between cores by the first layer's neurons
// (a mini-batch of fewer than 256 gathered samples, with mat.Tuned on
// more than one thread) maps each mini-batch once, a step ahead on a core
// that would otherwise wait, and hands the map to every core's two
// first-layer products (mat.Tuned.MulABT and MulATB), which would
// otherwise each search the mini-batch for its blank groups of inputs.
type ZeroMapper interface {
	// MapZeros makes nz the map of the inputs Gather writes for the given
	// indices, row r for indices[r]. A clear bit must mean a group of
	// inputs that are all zero. Like Gather, it may be called on another
	// goroutine than the training one, and while Gather runs.
	MapZeros(nz *mat.NonzeroGroups, indices []int)
}

// ByteSamples is Samples whose inputs are bytes that a mat.ByteScale
// makes the doubles Gather writes, as mnist's pixels are. A step shared
// between cores (see ZeroMapper) then reads each mini-batch's bytes where
// they are, an eighth of the doubles and no copy, in the first layer's
// products (mat.Tuned.MulABTBytes and MulATBBytes, which give the same
// bits), and gathers only the targets.
type ByteSamples interface {
	Samples

	// Bytes returns the inputs of all the samples, row i sample i's, and
	// the ByteScale that makes Gather's doubles of them. Training reads
	// the rows in place, from several goroutines at once: they must not
	// change while it runs.
	Bytes() mat.ScaledBytes

	// GatherTargets copies the targets of the given indices, in their
	// order, into the rows of y, as Gather does. Like Gather, it may be
	// called from several goroutines at once, each with its own y.
	GatherTargets(y *mat.Dense, indices []int)
}

// Prefetcher is Samples that can fetch samples from memory ahead of their
// Gather: mnist's shuffled images come from all over a 39 MB set. In a
// step shared between cores (see ZeroMapper) each core prefetches the
// next mini-batch while it would otherwise wait for the others, and its
// Gather then finds the samples in its cache.
type Prefetcher interface {
	// Prefetch reads the samples of the given indices into the calling
	// core's cache. Like Gather, it may be called from several goroutines
	// at once, and must only read the samples.
	Prefetch(indices []int)
}

// Dataset is a set of samples, one per row: X holds the inputs and Y the
// targets (for classification, one-hot rows). Training reads it in place,
// without copies, when it does not shuffle.
type Dataset struct {
	X *mat.Dense
	Y *mat.Dense
}

// Len returns the number of samples.
func (d *Dataset) Len() int {
	r, _ := d.X.Dims()
	return r
}

// Dims returns the number of samples and the widths of X and Y.
func (d *Dataset) Dims() (n, in, out int) {
	n, in = d.X.Dims()
	_, out = d.Y.Dims()
	return n, in, out
}

// Gather copies the samples of the given indices into the rows of x and y.
func (d *Dataset) Gather(x, y *mat.Dense, indices []int) {
	for r, i := range indices {
		copy(row(x, r), row(d.X, i))
		copy(row(y, r), row(d.Y, i))
	}
}

// checkSamples returns an error unless d is a non-empty set of samples
// that fits n, and for a Dataset, finite; name says which set it is in the
// error.
func (n *Network) checkSamples(name string, d Samples) error {
	if d == nil {
		return fmt.Errorf("%w: the %s set has no samples", ErrNoSamples, name)
	}
	if ds, ok := d.(*Dataset); ok {
		if ds == nil || ds.X == nil || ds.Y == nil || ds.X.IsEmpty() || ds.Y.IsEmpty() {
			return fmt.Errorf("%w: the %s set has no samples", ErrNoSamples, name)
		}
		if err := n.checkBatch(ds.X, ds.Y); err != nil {
			return fmt.Errorf("%s set: %w", name, err)
		}
		if err := checkFinite(name+" inputs", ds.X); err != nil {
			return err
		}
		return checkFinite(name+" targets", ds.Y)
	}
	count, in, out := d.Dims()
	switch {
	case count == 0:
		return fmt.Errorf("%w: the %s set has no samples", ErrNoSamples, name)
	case in != n.inputs():
		return fmt.Errorf("%s set: %w: inputs have %d values, the input layer has %d neurons", name, ErrShape, in, n.inputs())
	case out != n.outputs():
		return fmt.Errorf("%s set: %w: targets have %d values, the output layer has %d neurons", name, ErrShape, out, n.outputs())
	}
	if b, ok := d.(ByteSamples); ok {
		x := b.Bytes()
		if x.Rows != count || x.Cols != in || x.Index != nil || x.Scale == nil || x.Stride < in || len(x.Data) < (count-1)*x.Stride+in {
			return fmt.Errorf("%s set: %w: the bytes of %d samples of %d inputs are %d×%d, stride %d, %d bytes, index %v, scale %v", name, ErrShape, count, in, x.Rows, x.Cols, x.Stride, len(x.Data), x.Index != nil, x.Scale != nil)
		}
	}
	return nil
}

// inOrder returns the indices 0, 1, …, n−1.
func inOrder(n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}
