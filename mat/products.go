package mat

import "fmt"

// Products computes the matrix products of the forward and backward passes.
// BLAS is the fast implementation; Naive is the reference it is checked
// against and the other side of the benchmarks.
type Products interface {
	// MulVec sets dst = a·x, or aᵀ·x when transA is set.
	MulVec(dst *VecDense, transA bool, a *Dense, x *VecDense)

	// Mul sets dst = alpha·op(a)·op(b) + beta·dst, where op(m) is m, or mᵀ
	// when its flag is set. With beta == 0 dst is not read, so its old
	// contents may be anything, even NaN.
	Mul(dst *Dense, alpha float64, transA bool, a *Dense, transB bool, b *Dense, beta float64)

	// AddOuter sets dst = dst + alpha·x·yᵀ, a rank-1 update.
	AddOuter(dst *Dense, alpha float64, x, y *VecDense)
}

// mulVecShape checks the operands of MulVec, sizes an empty dst and returns
// the dimensions of op(a).
func mulVecShape(dst *VecDense, transA bool, a *Dense, x *VecDense) (rows, cols int) {
	rows, cols = a.Dims()
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
	return rows, cols
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

// outerShape checks the operands of AddOuter.
func outerShape(dst *Dense, x, y *VecDense) {
	if r, c := dst.Dims(); r != x.Len() || c != y.Len() {
		panic(fmt.Sprintf("mat: AddOuter: dst is %d×%d but x, y have lengths %d, %d", r, c, x.Len(), y.Len()))
	}
}

// defaultProducts is what Default returns; the openblas build sets it to
// OpenBLAS.
var defaultProducts Products = Tuned{}

// Default returns the fastest Products of this build: Tuned, or in the
// openblas build OpenBLAS when it runs AVX2 or wider kernels (see
// benchmarks/README.md for the measurements).
func Default() Products { return defaultProducts }
