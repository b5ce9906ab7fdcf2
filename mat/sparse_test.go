package mat

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// sparseSlice returns rows×cols doubles, stride apart, in which each group
// of eight columns is all zero with probability empty; the other groups
// hold random values with a few zeros among them.
func sparseSlice(rng *rand.Rand, rows, cols, stride int, empty float64) []float64 {
	s := make([]float64, rows*stride)
	for i := range rows {
		for g := 0; g < cols; g += 8 {
			if rng.Float64() < empty {
				continue
			}
			for j := g; j < min(g+8, cols); j++ {
				if rng.IntN(4) != 0 {
					s[i*stride+j] = rng.NormFloat64()
				}
			}
		}
	}
	return s
}

// The sparse kernels leave out only what adds nothing, so Tuned's
// products are the same, bit for bit, with and without them (and match
// Naive to rounding): at sizes
// around the tiles' edges, the chunks of 256 columns, ntSparseTiles' row
// blocks and tnSparseTiles' blocks of 64 samples and 1024 columns, with
// strides wider than the rows, rows with no nonzero at all, and the
// scalings SGD uses.
func TestSparseSameBitsAsDense(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the sparse kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(12, 12))
	sizes := []int{1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 16, 17, 24, 25, 30, 47, 48, 64, 65, 97}
	depths := []int{8, 16, 24, 64, 128, 256, 264, 512, 784}
	for _, tr := range []struct {
		name   string
		tA, tB blas.Transpose
	}{{"a·bᵀ", blas.NoTrans, blas.Trans}, {"aᵀ·b", blas.Trans, blas.NoTrans}} {
		large := [][3]int{{257, 30, 784}, {300, 9, 64}, {100, 1032, 30}, {130, 15, 784}, {65, 800, 100}}
		for trial := range 120 + len(large) {
			m, n, k := sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))], depths[rng.IntN(len(depths))]
			if tr.tA == blas.Trans {
				// The zeros are in b, k×n: n is the multiple of 8.
				m, n, k = n, k, m
			}
			if trial >= 120 {
				m, n, k = large[trial-120][0], large[trial-120][1], large[trial-120][2]
				if tr.tA == blas.NoTrans {
					n, k = k/8*8+8, n*8
				}
			}
			alpha := []float64{1, -0.03, 2.5}[trial%3]
			beta := []float64{0, 1, 0.5, 1 - 1e-5}[trial%4]
			empty := []float64{0.6, 0.95, 1}[trial%3]
			pad := trial % 2
			var a, b []float64
			var lda, ldb int
			if tr.tA == blas.NoTrans {
				lda, ldb = k+pad, k+pad
				a, b = sparseSlice(rng, m, k, lda, empty), randSlice(rng, n*ldb)
			} else {
				lda, ldb = m+pad, n+pad
				a, b = randSlice(rng, k*lda), sparseSlice(rng, k, n, ldb, empty)
			}
			zeros := blas64.General{Rows: m, Cols: k, Stride: lda, Data: a}
			if tr.tA == blas.Trans {
				zeros = blas64.General{Rows: k, Cols: n, Stride: ldb, Data: b}
			}
			if empty >= 0.6 && zeros.Rows >= 4 && zeros.Cols >= 64 && nonzeroShare(zeros) > 0.5 {
				t.Fatalf("%s m=%d n=%d k=%d: the test's operand is not sparse: %v", tr.name, m, n, k, nonzeroShare(zeros))
			}
			c0 := randSlice(rng, m*(n+pad))
			product := func(dense bool) []float64 {
				defer func(was bool) { denseOnly = was }(denseOnly)
				denseOnly = dense
				c := append([]float64(nil), c0...)
				Tuned{Threads: 1}.Dgemm(tr.tA, tr.tB, m, n, k, alpha, a, lda, b, ldb, beta, c, n+pad)
				return c
			}
			sparse := product(false)
			if diff := firstDifference(sparse, product(true)); diff != "" {
				t.Errorf("%s, m=%d n=%d k=%d, alpha %v, beta %v, stride +%d, %v empty: %s", tr.name, m, n, k, alpha, beta, pad, empty, diff)
			}
			naive := append([]float64(nil), c0...)
			Naive{}.Dgemm(tr.tA, tr.tB, m, n, k, alpha, a, lda, b, ldb, beta, naive, n+pad)
			for i := range naive {
				if d := math.Abs(sparse[i]-naive[i]) / (1 + math.Abs(naive[i])); d > 1e-12 {
					t.Errorf("%s, m=%d n=%d k=%d: element %d is %g from Naive's", tr.name, m, n, k, i, d)
					break
				}
			}
		}
	}
}

// A −0 in c becomes +0 or stays −0 by what is added to it; the sparse
// a·bᵀ adds what the tiles add, and skips a chunk of blank rows only when
// c was cleared to +0. (The sparse aᵀ·b leaves a −0 weight as it is
// where the tiles would add a zero product to it, which may turn it into
// +0: the one difference Tuned's documentation names.)
func TestSparseNegativeZero(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the sparse kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(14, 14))
	m, n, k := 40, 11, 784
	a := make([]float64, m*k)
	for i := 0; i < m; i += 3 {
		// Some rows hold ink in the first chunk only, the others none.
		a[i*k+rng.IntN(256)] = rng.NormFloat64()
	}
	b := randSlice(rng, n*k)
	for _, tc := range []struct {
		name string
		a    []float64
	}{{"ink in the first chunk", a}, {"blank", make([]float64, m*k)}} {
		for _, alpha := range []float64{1, -1} {
			for _, beta := range []float64{0, 1, 0.5} {
				product := func(dense bool) []float64 {
					defer func(was bool) { denseOnly = was }(denseOnly)
					denseOnly = dense
					c := make([]float64, m*n)
					for i := range c {
						c[i] = math.Copysign(0, -1)
					}
					Tuned{Threads: 1}.Dgemm(blas.NoTrans, blas.Trans, m, n, k, alpha, tc.a, k, b, k, beta, c, n)
					return c
				}
				if diff := firstDifference(product(false), product(true)); diff != "" {
					t.Errorf("%s, alpha %v, beta %v: %s", tc.name, alpha, beta, diff)
				}
			}
		}
	}
}
