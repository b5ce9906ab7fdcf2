package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/vzorecky/backprop/internal/testrand"
)

// forEachKernelSet runs f once for every set of kernels this machine can
// run: plain Go always, AVX2 and AVX-512 where the processor has them.
func forEachKernelSet(t *testing.T, f func(t *testing.T)) {
	avx2, avx512 := hasAVX2FMA, hasAVX512
	defer func() { hasAVX2FMA, hasAVX512 = avx2, avx512 }()
	sets := []struct {
		name         string
		avx2, avx512 bool
	}{{"go", false, false}, {"avx2", true, false}, {"avx512", true, true}}
	for _, s := range sets {
		if s.avx2 && !avx2 || s.avx512 && !avx512 {
			continue
		}
		hasAVX2FMA, hasAVX512 = s.avx2, s.avx512
		t.Run(s.name, f)
	}
}

// The kernels against plain loops at awkward lengths: empty, shorter than
// a register, around the 4-, 8- and 16-element steps, and the network's
// widths.
var kernelLengths = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 30, 31, 100, 256, 784}

var randSlice = testrand.Slice

func randPanel(rng *rand.Rand, n, height int) *panel {
	p := &panel{n: n, height: height}
	for s := range height {
		// One element more than needed, so that reading past n would show.
		p.set(s, randSlice(rng, n+1))
	}
	return p
}

func TestDotPanel(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 1))
		for _, height := range []int{4, 8} {
			for _, n := range kernelLengths {
				p, w := randPanel(rng, n, height), randSlice(rng, n)
				var got [panelHeight]float64
				dotPanel(w, p, &got)
				for s := range height {
					var want float64
					for k := range n {
						want += w[k] * p.row(s)[k]
					}
					if math.Abs(got[s]-want) > 1e-13*(1+math.Abs(want)) {
						t.Errorf("height %d, n %d, row %d: %v, want %v", height, n, s, got[s], want)
					}
				}
			}
		}
	})
}

func TestAxpyPanel(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(2, 2))
		c := [panelHeight]float64{0.5, -1.25, 2, 0, 1, -3, 0.125, 7}
		for _, height := range []int{4, 8} {
			for _, n := range kernelLengths {
				p := randPanel(rng, n, height)
				buf := randSlice(rng, n+3)
				y := buf[:n]
				want := append([]float64(nil), y...)
				for s := range height {
					for k := range n {
						want[k] += c[s] * p.row(s)[k]
					}
				}
				guard := append([]float64(nil), buf[n:]...)
				axpyPanel(y, p, &c)
				for k := range n {
					if math.Abs(y[k]-want[k]) > 1e-13*(1+math.Abs(want[k])) {
						t.Errorf("height %d, n %d: y[%d] = %v, want %v", height, n, k, y[k], want[k])
					}
				}
				for i, v := range buf[n:] {
					if v != guard[i] {
						t.Errorf("height %d, n %d: wrote element %d past the end", height, n, n+i)
					}
				}
			}
		}
	})
}

func TestPanelLengthMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a vector longer than the panel was accepted")
		}
	}()
	var out [panelHeight]float64
	dotPanel(make([]float64, 5), &panel{n: 4, height: 4}, &out)
}

// TestTunedMatchesNaive checks the whole products with every kernel set,
// at batch sizes around the panel heights.
func TestTunedMatchesNaive(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 3))
		for _, m := range []int{1, 3, 4, 5, 8, 9, 10, 12, 13, 17, 100} {
			for _, nk := range [][2]int{{30, 784}, {10, 30}, {3, 257}, {1, 1}} {
				n, k := nk[0], nk[1]
				t.Run(fmt.Sprintf("m=%d/n=%d/k=%d", m, n, k), func(t *testing.T) {
					// Forward: (m×k)·(n×k)ᵀ; gradient: (k×m)ᵀ... as the network uses them.
					a, b := denseOf(rng, m, k), denseOf(rng, n, k)
					want, got := NewDense(m, n, nil), NewDense(m, n, nil)
					Mul(Naive{}, want, 0.5, false, a, true, b, 0)
					Mul(Tuned{}, got, 0.5, false, a, true, b, 0)
					if !EqualApprox(got, want, 1e-12) {
						t.Errorf("a·bᵀ differs")
					}
					d, x := denseOf(rng, m, n), denseOf(rng, m, k)
					want, got = denseOf(rng, n, k), NewDense(n, k, nil)
					got.Copy(want)
					Mul(Naive{}, want, -0.3, true, d, false, x, 1)
					Mul(Tuned{}, got, -0.3, true, d, false, x, 1)
					if !EqualApprox(got, want, 1e-12) {
						t.Errorf("dᵀ·x differs")
					}
				})
			}
		}
	})
}

var denseOf = testrand.Dense

func TestDotPanel3(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(4, 4))
		for _, height := range []int{4, 8} {
			for _, n := range kernelLengths {
				p := randPanel(rng, n, height)
				w := [3][]float64{randSlice(rng, n), randSlice(rng, n), randSlice(rng, n)}
				var got [3][panelHeight]float64
				dotPanel3(&w, p, &got)
				for c := range 3 {
					for s := range height {
						var want float64
						for k := range n {
							want += w[c][k] * p.row(s)[k]
						}
						if math.Abs(got[c][s]-want) > 1e-13*(1+math.Abs(want)) {
							t.Errorf("height %d, n %d, vector %d, row %d: %v, want %v", height, n, c, s, got[c][s], want)
						}
					}
				}
			}
		}
	})
}

func TestAxpyPanel3(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 5))
		for _, height := range []int{4, 8} {
			for _, n := range kernelLengths {
				p := randPanel(rng, n, height)
				var coef [3][panelHeight]float64
				var y, want [3][]float64
				for c := range 3 {
					for s := range height {
						coef[c][s] = rng.NormFloat64()
					}
					y[c] = randSlice(rng, n+2)[:n] // room past the end to catch a stray write
					want[c] = append([]float64(nil), y[c]...)
					for s := range height {
						for k := range n {
							want[c][k] += coef[c][s] * p.row(s)[k]
						}
					}
				}
				guard := [3][]float64{}
				for c := range 3 {
					guard[c] = append([]float64(nil), y[c][n:n+2]...)
				}
				axpyPanel3(&y, p, &coef)
				for c := range 3 {
					for k := range n {
						if math.Abs(y[c][k]-want[c][k]) > 1e-13*(1+math.Abs(want[c][k])) {
							t.Errorf("height %d, n %d: y%d[%d] = %v, want %v", height, n, c, k, y[c][k], want[c][k])
						}
					}
					if y[c][n : n+2][0] != guard[c][0] || y[c][n : n+2][1] != guard[c][1] {
						t.Errorf("height %d, n %d: wrote past the end of y%d", height, n, c)
					}
				}
			}
		}
	})
}

func TestTunedKernelsNamesTheSet(t *testing.T) {
	want := map[string]string{"go": "go", "avx2": "avx2", "avx512": "avx512"}
	forEachKernelSet(t, func(t *testing.T) {
		set := t.Name()[len("TestTunedKernelsNamesTheSet/"):]
		if got := TunedKernels(); got != want[set] {
			t.Errorf("TunedKernels() = %q with the %s kernels", got, set)
		}
	})
}
