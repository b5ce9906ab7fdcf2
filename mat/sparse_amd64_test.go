//go:build !purego

package mat

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// nonzeroBits marks a group that has any bit set: one nonzero anywhere in
// it, a −0, a NaN or the smallest subnormal; by row (the groups of each
// row) and by group (the rows of each group).
func TestNonzeroBits(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the sparse kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(13, 13))
	odd := []float64{1, math.Copysign(0, -1), math.NaN(), math.SmallestNonzeroFloat64, math.Inf(-1), -3}
	for _, tc := range []struct{ rows, groups, stride int }{{1, 1, 8}, {3, 32, 256}, {5, 7, 61}, {64, 33, 264}, {2, 64, 520}, {2, 0, 8}, {0, 4, 32}, {63, 3, 24}} {
		x := make([]float64, max(tc.rows*tc.stride, 1))
		nonzero := make([][]bool, tc.rows)
		for r := range tc.rows {
			nonzero[r] = make([]bool, tc.groups)
			for g := range tc.groups {
				if rng.IntN(3) != 0 {
					x[r*tc.stride+8*g+rng.IntN(8)] = odd[rng.IntN(len(odd))]
					nonzero[r][g] = true
				}
			}
		}
		for _, byRow := range []bool{true, false} {
			outer, inner, outerStride, innerStride := tc.rows, tc.groups, tc.stride, 8
			if !byRow {
				outer, inner, outerStride, innerStride = tc.groups, tc.rows, 8, tc.stride
			}
			have := make([]uint64, outer+1)
			have[outer] = 12345
			nonzeroBits(&x[0], outerStride, outer, innerStride, inner, &have[0])
			for o := range outer {
				var want uint64
				for i := range inner {
					r, g := o, i
					if !byRow {
						r, g = i, o
					}
					if nonzero[r][g] {
						want |= 1 << i
					}
				}
				if have[o] != want {
					t.Errorf("rows %d, groups %d, by row %v: %d: bits %064b, want %064b", tc.rows, tc.groups, byRow, o, have[o], want)
				}
			}
			if have[outer] != 12345 {
				t.Errorf("rows %d, groups %d, by row %v: wrote past the last bits", tc.rows, tc.groups, byRow)
			}
		}
	}
}

// The sparse kernels take up to 16 neurons at a time, one kernel for each
// number: ntSparseTiles the rows of b (a·bᵀ's columns of c), tnSparseTiles
// the rows of c (aᵀ·b's). From 3 to 48 neurons in steps of three, as the
// tiles leave them, every remainder of 16 comes up, so every kernel runs
// at least once, and each must give the tiles' bits.
func TestSparseEveryKernel(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the sparse kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(15, 15))
	const samples, inputs = 70, 520 // two blocks of samples; 65 groups of inputs in three chunks
	for _, tc := range []struct {
		name    string
		tA, tB  blas.Transpose
		largest int
	}{
		{"a·bᵀ", blas.NoTrans, blas.Trans, ntSparseNeurons},
		{"aᵀ·b", blas.Trans, blas.NoTrans, tnSparseRows},
	} {
		for neurons := 3; neurons <= 3*tc.largest; neurons += 3 {
			x := sparseSlice(rng, samples, inputs, inputs, 0.7)
			var m, n, k, lda, ldb int
			var a, b []float64
			if tc.tA == blas.NoTrans {
				// c = x·wᵀ, samples×neurons.
				m, n, k = samples, neurons, inputs
				a, lda, b, ldb = x, inputs, randSlice(rng, neurons*inputs), inputs
			} else {
				// c = dᵀ·x, neurons×inputs.
				m, n, k = neurons, inputs, samples
				a, lda, b, ldb = randSlice(rng, samples*neurons), neurons, x, inputs
			}
			c0 := randSlice(rng, m*n)
			product := func(dense bool) []float64 {
				defer func(was bool) { denseOnly = was }(denseOnly)
				denseOnly = dense
				c := append([]float64(nil), c0...)
				Tuned{Threads: 1}.Dgemm(tc.tA, tc.tB, m, n, k, -0.3, a, lda, b, ldb, 1, c, n)
				return c
			}
			if diff := firstDifference(product(false), product(true)); diff != "" {
				t.Errorf("%s, %d neurons (kernel for %d): %s", tc.name, neurons, (neurons-1)%tc.largest+1, diff)
			}
		}
	}
}
