package mat

import (
	"fmt"
	"sync"

	"gonum.org/v1/gonum/blas"
)

// ScaledBytes is a matrix of compact data, one byte an element: element
// (i, j) is the double Scale makes of Data[i·Stride+j], as
// ByteScale.Expand makes it. An MNIST image is 784 bytes this way and
// 6,272 as doubles. With Index, the rows are picked from Data: row i is
// the one that begins at Data[Index[i]·Stride], and Rows is len(Index).
// A mini-batch of samples is then read where the samples are, without
// copying them together.
//
// Tuned.MulABTBytes and MulATBBytes take it where MulABT and MulATB take
// the expanded matrix, and give the same bits. With AVX-512 and divisor
// 255, in products of up to sixteen neurons, the sparse kernels read the
// bytes as they are, turning each group of eight into doubles as they
// load it; elsewhere the matrix is expanded first (see ReadsBytes).
type ScaledBytes struct {
	Rows, Cols, Stride int
	Data               []byte
	Scale              *ByteScale
	Index              []int
}

// check panics unless s is a rows×cols matrix with a scale, and its
// index, if any, picks rows of its data.
func (s ScaledBytes) check(routine string) {
	if s.Scale == nil {
		panic(fmt.Sprintf("mat: %s: the bytes have no ByteScale", routine))
	}
	if s.Index == nil {
		checkGeneral(routine, "the bytes", s.Rows, s.Cols, s.Data, s.Stride)
		return
	}
	if s.Rows != len(s.Index) {
		panic(fmt.Sprintf("mat: %s: the bytes have %d rows but an index of %d", routine, s.Rows, len(s.Index)))
	}
	checkGeneral(routine, "the bytes", min(s.Rows, 1), s.Cols, s.Data, s.Stride)
	for _, i := range s.Index {
		if i < 0 || s.Cols > 0 && i*s.Stride+s.Cols > len(s.Data) {
			panic(fmt.Sprintf("mat: %s: index %d is past the %d rows of %d bytes", routine, i, (len(s.Data)+s.Stride-s.Cols)/max(s.Stride, 1), s.Stride))
		}
	}
}

// offset returns where row i begins in s.Data.
func (s ScaledBytes) offset(i int) int {
	if s.Index != nil {
		return s.Index[i] * s.Stride
	}
	return i * s.Stride
}

// Expand sets dst to the doubles of s's elements; an empty dst is sized
// for you. It panics if dst is not s's size.
func (s ScaledBytes) Expand(dst *Dense) {
	s.check("ScaledBytes.Expand")
	if dst.IsEmpty() {
		dst.ReuseAs(s.Rows, s.Cols)
	}
	if r, c := dst.Dims(); r != s.Rows || c != s.Cols {
		panic(fmt.Sprintf("mat: ScaledBytes.Expand: the bytes are %d×%d but dst %d×%d", s.Rows, s.Cols, r, c))
	}
	raw := dst.RawMatrix()
	for i := range s.Rows {
		s.Scale.Expand(raw.Data[i*raw.Stride:i*raw.Stride+s.Cols], s.Data[s.offset(i):s.offset(i)+s.Cols])
	}
}

// ReadsBytes reports whether MulABTBytes and MulATBBytes read x's bytes
// as they are, given a map of their zeros, in products with the given
// number of neurons: b's rows in a·bᵀ, a's columns in aᵀ·b. That takes
// the byte kernels (AVX-512, divisor 255), columns a multiple of 8,
// neurons a multiple of 3 (the tiles' groups) and no more than one kernel
// call takes (16: past that, expanding once is faster than turning each
// group into doubles in every call), and products that Tuned would not
// split between threads. Otherwise each of them expands x first, and a
// caller that makes both products had better expand it once.
func (t Tuned) ReadsBytes(x ScaledBytes, neurons int) bool {
	m, k := x.Rows, x.Cols
	return m > 0 && k > 0 && neurons > 0 && k%8 == 0 && neurons%3 == 0 && x.Scale != nil && byteKernels(x.Scale, neurons) &&
		!t.Splits(blas.NoTrans, blas.Trans, m, neurons, k) && !t.Splits(blas.Trans, blas.NoTrans, neurons, k, m)
}

// MulABTBytes sets c = alpha·a·bᵀ + beta·c as MulABT does with a
// expanded, bit for bit, nz the map of a's zeros, or nil. The byte
// kernels read a where nz is given and ReadsBytes(a, b's rows) holds;
// otherwise a is expanded first. It panics as MulABT does.
func (t Tuned) MulABTBytes(c *Dense, alpha float64, a ScaledBytes, nz *NonzeroGroups, b *Dense, beta float64) {
	const routine = "Tuned.MulABTBytes"
	a.check(routine)
	n, k := b.Dims()
	m := a.Rows
	mulBytesShape(routine, c, m, n, a.Cols, k, beta)
	checkBytesMap(routine, nz, a)
	if alpha == 0 || nz == nil || !t.ReadsBytes(a, n) {
		x := a.expanded()
		defer expansions.Put(x)
		t.MulABT(c, alpha, x, nz, b, beta)
		return
	}
	cr := c.RawMatrix()
	scaleRows(cr, beta)
	ntSparseBytesTiles(cr, alpha, a, b.RawMatrix(), m, n, k, beta == 0, groupRows{bits: nz.bits, words: nz.words})
}

// MulATBBytes sets c = alpha·aᵀ·b + beta·c as MulATB does with b
// expanded, bit for bit, nz the map of b's zeros, or nil. The byte
// kernels read b where nz is given and ReadsBytes(b, a's columns) holds;
// otherwise b is expanded first. It panics as MulATB does.
func (t Tuned) MulATBBytes(c *Dense, alpha float64, a *Dense, b ScaledBytes, nz *NonzeroGroups, beta float64) {
	const routine = "Tuned.MulATBBytes"
	b.check(routine)
	k, m := a.Dims()
	n := b.Cols
	mulBytesShape(routine, c, m, n, k, b.Rows, beta)
	checkBytesMap(routine, nz, b)
	if alpha == 0 || nz == nil || !t.ReadsBytes(b, m) {
		x := b.expanded()
		defer expansions.Put(x)
		t.MulATB(c, alpha, a, x, nz, beta)
		return
	}
	cr := c.RawMatrix()
	scaleRows(cr, beta)
	tnSparseBytesTiles(cr, alpha, a.RawMatrix(), b, m, k, groupRows{bits: nz.bits, words: nz.words})
}

// mulBytesShape panics unless the inner dimensions k and kb agree, and
// sizes an empty c m×n when beta is 0; it panics unless c is m×n then.
func mulBytesShape(routine string, c *Dense, m, n, k, kb int, beta float64) {
	if k != kb {
		panic(fmt.Sprintf("mat: %s: the operands' inner dimensions are %d and %d", routine, k, kb))
	}
	if c.IsEmpty() {
		if beta != 0 {
			panic(fmt.Sprintf("mat: %s: empty c with beta != 0", routine))
		}
		c.ReuseAs(m, n)
	}
	if r, cols := c.Dims(); r != m || cols != n {
		panic(fmt.Sprintf("mat: %s: the product is %d×%d but c is %d×%d", routine, m, n, r, cols))
	}
}

// checkBytesMap panics unless nz is nil or the size of s.
func checkBytesMap(routine string, nz *NonzeroGroups, s ScaledBytes) {
	if nz != nil && (nz.rows != s.Rows || nz.cols != s.Cols) {
		panic(fmt.Sprintf("mat: %s: the map is %d×%d, the bytes %d×%d", routine, nz.rows, nz.cols, s.Rows, s.Cols))
	}
}

// expansions holds the matrices that the byte products expand their
// operand into where the kernels cannot read the bytes, so that a
// training loop does not allocate one each step.
var expansions = sync.Pool{New: func() any { return new(Dense) }}

// expanded returns s expanded into a matrix from expansions.
func (s ScaledBytes) expanded() *Dense {
	x := expansions.Get().(*Dense)
	x.Reset()
	x.ReuseAs(s.Rows, s.Cols)
	s.Expand(x)
	return x
}
