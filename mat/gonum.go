package mat

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Gonum is gonum's pure Go BLAS with one change: Dgemm stays on the
// caller's goroutine. gonum's own Dgemm starts a goroutine per 64×64 block
// of c once c has four blocks or more, which at this project's sizes costs
// more than it saves, and allocates; Gonum hands it panels of at most three
// blocks, which it runs serially. Every result is gonum's, bit for bit.
type Gonum struct{ gonum.Implementation }

var _ blas.Float64 = Gonum{}

// The panel sizes keep gonum's Dgemm on its serial path: it goes parallel
// at four 64×64 blocks of the destination.
const (
	serialRows = 64
	serialCols = 3 * 64
)

// Dgemm sets c = alpha·op(a)·op(b) + beta·c, with op(a) m×k and op(b) k×n,
// a panel of c at a time.
func (g Gonum) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m <= serialRows && n <= serialCols || k == 0 || alpha == 0 {
		g.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	checkGemm("Gonum.Dgemm", tA, tB, m, n, k, a, lda, b, ldb, c, ldc)
	for i := 0; i < m; i += serialRows {
		for j := 0; j < n; j += serialCols {
			// Rows i… of op(a) and columns j… of op(b): a transpose turns
			// rows of op(m) into columns of m and back.
			ai, bj := i*lda, j
			if tA != blas.NoTrans {
				ai = i
			}
			if tB != blas.NoTrans {
				bj = j * ldb
			}
			g.Implementation.Dgemm(tA, tB, min(serialRows, m-i), min(serialCols, n-j), k,
				alpha, a[ai:], lda, b[bj:], ldb, beta, c[i*ldc+j:], ldc)
		}
	}
}
