package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The assembly kernels against their Go references at awkward lengths:
// empty, shorter than a vector, around the 4- and 8-element steps, and the
// network's widths.
var kernelLengths = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 30, 31, 100, 784, 1001}

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	return s
}

func TestDot4MatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range kernelLengths {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			w := randSlice(rng, n)
			var xs [8][]float64
			for s := range xs {
				xs[s] = randSlice(rng, n+s) // longer rows are fine: only len(w) is used
			}
			var got, want [8]float64
			dot8(w, &xs, &got)
			dot8Go(w, &xs, &want)
			for s := range 8 {
				if math.Abs(got[s]-want[s]) > 1e-13*(1+math.Abs(want[s])) {
					t.Errorf("row %d: %v, reference %v", s, got[s], want[s])
				}
			}
		})
	}
}

func TestAxpy4MatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, n := range kernelLengths {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			y := randSlice(rng, n)
			want := append([]float64(nil), y...)
			var xs [8][]float64
			for s := range xs {
				xs[s] = randSlice(rng, n)
			}
			c := [8]float64{0.5, -1.25, 2, 0, 1, -3, 0.125, 7}
			axpy8(y, &xs, &c)
			axpy8Go(want, &xs, &c)
			for k := range y {
				if math.Abs(y[k]-want[k]) > 1e-14*(1+math.Abs(want[k])) {
					t.Errorf("[%d] = %v, reference %v", k, y[k], want[k])
				}
			}
		})
	}
}

func TestAxpy4WritesOnlyItsLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, n := range kernelLengths {
		buf := randSlice(rng, n+5)
		guard := append([]float64(nil), buf[n:]...)
		var xs [8][]float64
		for s := range xs {
			xs[s] = randSlice(rng, n)
		}
		axpy8(buf[:n], &xs, &[8]float64{1, 1, 1, 1, 1, 1, 1, 1})
		for i, v := range buf[n:] {
			if v != guard[i] {
				t.Errorf("n=%d: wrote element %d past the end", n, n+i)
			}
		}
	}
}
