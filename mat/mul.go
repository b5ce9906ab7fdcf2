package mat

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
)

// Mul sets dst = alpha·op(a)·op(b) + beta·dst with impl's Dgemm, where
// op(m) is m, or mᵀ when its flag is set. With beta == 0 dst is not read,
// so its old contents may be anything, even NaN, and an empty dst is sized
// for you.
func Mul(impl blas.Float64, dst *Dense, alpha float64, transA bool, a *Dense, transB bool, b *Dense, beta float64) {
	m, n, k := mulShape(dst, transA, a, transB, b, beta)
	ar, br, cr := a.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	impl.Dgemm(transpose(transA), transpose(transB), m, n, k, alpha, ar.Data, ar.Stride, br.Data, br.Stride, beta, cr.Data, cr.Stride)
}

// MulVec sets dst = a·x, or aᵀ·x when transA is set, with impl's Dgemv. An
// empty dst is sized for you.
func MulVec(impl blas.Float64, dst *VecDense, transA bool, a *Dense, x *VecDense) {
	mulVecShape(dst, transA, a, x)
	ar, xv, dv := a.RawMatrix(), x.RawVector(), dst.RawVector()
	impl.Dgemv(transpose(transA), ar.Rows, ar.Cols, 1, ar.Data, ar.Stride, xv.Data, xv.Inc, 0, dv.Data, dv.Inc)
}

// AddOuter sets dst = dst + alpha·x·yᵀ, a rank-1 update, with impl's Dger.
func AddOuter(impl blas.Float64, dst *Dense, alpha float64, x, y *VecDense) {
	if r, c := dst.Dims(); r != x.Len() || c != y.Len() {
		panic(fmt.Sprintf("mat: AddOuter: dst is %d×%d but x, y have lengths %d, %d", r, c, x.Len(), y.Len()))
	}
	xv, yv, c := x.RawVector(), y.RawVector(), dst.RawMatrix()
	impl.Dger(c.Rows, c.Cols, alpha, xv.Data, xv.Inc, yv.Data, yv.Inc, c.Data, c.Stride)
}

func transpose(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// mulVecShape checks the operands of MulVec and sizes an empty dst.
func mulVecShape(dst *VecDense, transA bool, a *Dense, x *VecDense) {
	rows, cols := a.Dims()
	if transA {
		rows, cols = cols, rows
	}
	if x.Len() != cols {
		panic(fmt.Sprintf("mat: MulVec: op(a) is %d×%d but x has length %d", rows, cols, x.Len()))
	}
	if dst.IsEmpty() {
		dst.ReuseAsVec(rows)
	}
	if dst.Len() != rows {
		panic(fmt.Sprintf("mat: MulVec: op(a) is %d×%d but dst has length %d", rows, cols, dst.Len()))
	}
}

// mulShape checks the operands of Mul, sizes an empty dst when beta == 0
// and returns m, n, k of the product (m×k)·(k×n).
func mulShape(dst *Dense, transA bool, a *Dense, transB bool, b *Dense, beta float64) (m, n, k int) {
	m, k = a.Dims()
	if transA {
		m, k = k, m
	}
	kb, n := b.Dims()
	if transB {
		kb, n = n, kb
	}
	if k != kb {
		panic(fmt.Sprintf("mat: Mul: op(a) is %d×%d but op(b) is %d×%d", m, k, kb, n))
	}
	if dst.IsEmpty() {
		if beta != 0 {
			panic("mat: Mul: empty dst with beta != 0")
		}
		dst.ReuseAs(m, n)
	}
	if r, c := dst.Dims(); r != m || c != n {
		panic(fmt.Sprintf("mat: Mul: product is %d×%d but dst is %d×%d", m, n, r, c))
	}
	return m, n, k
}

// defaultImpl is what Default returns; the openblas build sets it to
// OpenBLAS.
var defaultImpl blas.Float64 = Tuned{}

// Default returns the fastest BLAS of this build for the network's
// products: Tuned, or in the openblas build OpenBLAS when it runs AVX2 or
// wider kernels (see benchmarks/README.md for the measurements).
func Default() blas.Float64 { return defaultImpl }
