package mat

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Naive is a BLAS whose three routines that the network uses, Dgemm, Dgemv
// and Dger, are the textbook loops over the raw row-major data: the
// reference every other implementation is tested against and the "naive"
// side of the benchmarks. Every other routine is gonum's.
type Naive struct{ gonum.Implementation }

var _ blas.Float64 = Naive{}

// steps returns how far apart, in the raw data, neighbouring rows and
// neighbouring columns of op(m) are, for a matrix of leading dimension ld:
// a transpose only swaps the two, so one loop serves every combination.
func steps(t blas.Transpose, ld int) (row, col int) {
	if t != blas.NoTrans {
		return 1, ld
	}
	return ld, 1
}

// Dgemm sets c = alpha·op(a)·op(b) + beta·c, with op(a) m×k and op(b) k×n.
// With beta == 0 c is not read.
func (Naive) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkGemm("Naive.Dgemm", tA, tB, m, n, k, a, lda, b, ldb, c, ldc)
	ar, ac := steps(tA, lda)
	br, bc := steps(tB, ldb)
	for i := range m {
		for j := range n {
			var s float64
			for l := range k {
				s += a[i*ar+l*ac] * b[l*br+j*bc]
			}
			s *= alpha
			if beta != 0 {
				s += beta * c[i*ldc+j]
			}
			c[i*ldc+j] = s
		}
	}
}

// Dgemv sets y = alpha·op(a)·x + beta·y, a being m×n. With beta == 0 y is
// not read.
func (Naive) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	checkTranspose("Naive.Dgemv", tA)
	checkGeneral("Naive.Dgemv", "a", m, n, a, lda)
	rows, cols := m, n
	if tA != blas.NoTrans {
		rows, cols = n, m
	}
	checkVector("Naive.Dgemv", "x", cols, x, incX)
	checkVector("Naive.Dgemv", "y", rows, y, incY)
	ar, ac := steps(tA, lda)
	x0, y0 := start(cols, incX), start(rows, incY)
	for i := range rows {
		var s float64
		for j := range cols {
			s += a[i*ar+j*ac] * x[x0+j*incX]
		}
		s *= alpha
		if beta != 0 {
			s += beta * y[y0+i*incY]
		}
		y[y0+i*incY] = s
	}
}

// Dger sets a = a + alpha·x·yᵀ, a being m×n.
func (Naive) Dger(m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	checkGeneral("Naive.Dger", "a", m, n, a, lda)
	checkVector("Naive.Dger", "x", m, x, incX)
	checkVector("Naive.Dger", "y", n, y, incY)
	x0, y0 := start(m, incX), start(n, incY)
	for i := range m {
		for j := range n {
			a[i*lda+j] += alpha * x[x0+i*incX] * y[y0+j*incY]
		}
	}
}
