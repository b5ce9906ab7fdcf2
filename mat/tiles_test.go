package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// The tile kernels compute every element in the order the panels do, so
// Tuned's products are the same, bit for bit, with and without them: at
// every size around the tiles' and panels' edges, strides wider than the
// rows, and the scalings SGD uses.
func TestTilesSameBitsAsPanels(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the tile kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(11, 11))
	sizes := []int{1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 16, 17, 24, 25, 30, 47, 48, 49, 64, 65, 97}
	depths := []int{1, 3, 4, 5, 8, 12, 13, 16, 30, 64, 100, 256, 264, 784}
	for _, tr := range []struct {
		name   string
		tA, tB blas.Transpose
	}{{"a·bᵀ", blas.NoTrans, blas.Trans}, {"aᵀ·b", blas.Trans, blas.NoTrans}} {
		// Random shapes, then batches large enough for ntTiles' row blocks
		// (the last one short, or merged into the one before).
		large := [][3]int{{257, 30, 784}, {301, 8, 264}, {260, 13, 16}, {306, 3, 8}}
		for trial := range 150 + len(large) {
			m, n, k := sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))], depths[rng.IntN(len(depths))]
			if trial >= 150 {
				m, n, k = large[trial-150][0], large[trial-150][1], large[trial-150][2]
			}
			alpha := []float64{1, -0.03, 2.5}[trial%3]
			beta := []float64{0, 1, 0.5, 1 - 1e-5}[trial%4]
			pad := trial % 2
			ar, ac := m, k
			if tr.tA == blas.Trans {
				ar, ac = k, m
			}
			br, bc := k, n
			if tr.tB == blas.Trans {
				br, bc = n, k
			}
			a, b := randSlice(rng, ar*(ac+pad)), randSlice(rng, br*(bc+pad))
			c0 := randSlice(rng, m*(n+pad))
			product := func(panels bool) []float64 {
				defer func(was bool) { panelsOnly = was }(panelsOnly)
				panelsOnly = panels
				c := append([]float64(nil), c0...)
				Tuned{Threads: 1}.Dgemm(tr.tA, tr.tB, m, n, k, alpha, a, ac+pad, b, bc+pad, beta, c, n+pad)
				return c
			}
			if diff := firstDifference(product(false), product(true)); diff != "" {
				t.Errorf("%s, m=%d n=%d k=%d, alpha %v, beta %v, stride +%d: %s", tr.name, m, n, k, alpha, beta, pad, diff)
			}
		}
	}
}

// A −0 in c stays −0 through terms that are −0 themselves, but the
// panels' zero padding turns it into +0: the tiles must do the same.
func TestTilesNegativeZero(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the tile kernels need AVX-512")
	}
	for _, k := range []int{1, 3, 4, 5, 8, 9, 12, 13, 64, 65} {
		m, n := 6, 50
		a, b := make([]float64, k*m), make([]float64, k*n)
		for i := range b {
			b[i] = math.Copysign(0, -1)
		}
		product := func(panels bool) []float64 {
			defer func(was bool) { panelsOnly = was }(panelsOnly)
			panelsOnly = panels
			c := make([]float64, m*n)
			for i := range c {
				c[i] = math.Copysign(0, -1)
			}
			Tuned{Threads: 1}.Dgemm(blas.Trans, blas.NoTrans, m, n, k, 1, a, m, b, n, 1, c, n)
			return c
		}
		tiles, panels := product(false), product(true)
		if diff := firstDifference(tiles, panels); diff != "" {
			t.Errorf("k=%d: %s", k, diff)
		}
		if padded := k%8 != 0 && k%8 != 4; math.Signbit(panels[0]) == padded {
			t.Fatalf("k=%d: the panels give %v: the test no longer meets their padding", k, panels[0])
		}
	}
}

func firstDifference(got, want []float64) string {
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			return fmt.Sprintf("element %d is %v (%#x), the panels give %v (%#x)", i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
	return ""
}

// a·b on the tile kernels is gonum's, bit for bit: coefficients rounded
// and zero ones skipped (so an Inf or NaN in a skipped row of b changes
// nothing), products and sums rounded one by one, −0 kept where gonum
// keeps it.
func TestNNTilesSameBitsAsGonum(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the tile kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(12, 12))
	sizes := []int{1, 2, 3, 4, 5, 7, 8, 9, 10, 30, 39, 40, 41, 64, 65, 100, 200, 800}
	for trial := range 200 {
		m, n, k := sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))]
		alpha := []float64{1, -0.03, 2.5, math.Copysign(0, -1) + 1e-300}[trial%4]
		beta := []float64{0, 1, 0.5}[trial%3]
		pad := trial % 2
		a, b := randSlice(rng, m*(k+pad)), randSlice(rng, k*(n+pad))
		c0 := randSlice(rng, m*(n+pad))
		for i := range a {
			if rng.IntN(5) == 0 {
				a[i] = 0
			}
		}
		if trial%5 == 0 {
			// A row of b that every coefficient skips, holding Inf and NaN,
			// and −0 everywhere in c.
			for i := range a {
				if i%(k+pad) == k-1 {
					a[i] = 0
				}
			}
			for j := range n {
				b[(k-1)*(n+pad)+j] = []float64{math.Inf(1), math.NaN()}[j%2]
			}
			fill(c0, math.Copysign(0, -1))
		}
		tiles := append([]float64(nil), c0...)
		Tuned{Threads: 1}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, alpha, a, k+pad, b, n+pad, beta, tiles, n+pad)
		gonum := append([]float64(nil), c0...)
		Gonum{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, alpha, a, k+pad, b, n+pad, beta, gonum, n+pad)
		if diff := firstDifference(tiles, gonum); diff != "" {
			t.Fatalf("m=%d n=%d k=%d, alpha %v, beta %v, stride +%d: %s", m, n, k, alpha, beta, pad, diff)
		}
	}
}

func fill(v []float64, x float64) {
	for i := range v {
		v[i] = x
	}
}
