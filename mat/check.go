package mat

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
)

// The checks below are the BLAS reference's argument rules, for the
// routines this package implements itself; gonum's own routines check
// theirs. A broken rule is a programming error and panics.

// checkGeneral panics unless data holds a rows×cols row-major matrix with
// leading dimension ld.
func checkGeneral[E float64 | byte](routine, name string, rows, cols int, data []E, ld int) {
	switch {
	case rows < 0 || cols < 0:
		panic(fmt.Sprintf("mat: %s: %s is %d×%d", routine, name, rows, cols))
	case ld < max(1, cols):
		panic(fmt.Sprintf("mat: %s: %s has %d columns but leading dimension %d", routine, name, cols, ld))
	case rows > 0 && cols > 0 && len(data) < (rows-1)*ld+cols:
		panic(fmt.Sprintf("mat: %s: %s is %d×%d with leading dimension %d but has %d elements", routine, name, rows, cols, ld, len(data)))
	}
}

// checkVector panics unless x holds n elements inc apart.
func checkVector(routine, name string, n int, x []float64, inc int) {
	switch {
	case n < 0:
		panic(fmt.Sprintf("mat: %s: %s has length %d", routine, name, n))
	case inc == 0:
		panic(fmt.Sprintf("mat: %s: %s has increment 0", routine, name))
	case n > 0 && len(x) < 1+(n-1)*abs(inc):
		panic(fmt.Sprintf("mat: %s: %s of length %d with increment %d has %d elements", routine, name, n, inc, len(x)))
	}
}

func checkTranspose(routine string, t blas.Transpose) {
	if t != blas.NoTrans && t != blas.Trans && t != blas.ConjTrans {
		panic(fmt.Sprintf("mat: %s: bad transpose %v", routine, t))
	}
}

// checkGemm checks Dgemm's arguments: op(a) is m×k, op(b) k×n, c m×n.
func checkGemm(routine string, tA, tB blas.Transpose, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	checkTranspose(routine, tA)
	checkTranspose(routine, tB)
	ar, ac := m, k
	if tA != blas.NoTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB != blas.NoTrans {
		br, bc = n, k
	}
	checkGeneral(routine, "a", ar, ac, a, lda)
	checkGeneral(routine, "b", br, bc, b, ldb)
	checkGeneral(routine, "c", m, n, c, ldc)
}

// start returns the index of a vector's first element: BLAS walks a vector
// with a negative increment from its far end.
func start(n, inc int) int {
	if inc < 0 {
		return (1 - n) * inc
	}
	return 0
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
