package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The vector forms of AddRowVec, MulSigmoidPrime and RowSum give the bits
// of the Go loops they replace, at lengths around the groups of eight,
// with strides wider than the rows, and with −0, Inf and NaN among the
// values.
func TestElementwiseSameBits(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the vector kernels need AVX-512")
	}
	rng := rand.New(rand.NewPCG(9, 9))
	special := []float64{math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1), math.NaN(), 1e-310, 1}
	values := func(n int) []float64 {
		v := randSlice(rng, n)
		for i := range v {
			if rng.IntN(10) == 0 {
				v[i] = special[rng.IntN(len(special))]
			}
		}
		return v
	}
	for _, r := range []int{1, 2, 3, 10, 100} {
		for _, c := range []int{1, 7, 8, 9, 10, 30, 63, 64, 65, 100, 800} {
			for _, pad := range []int{0, 3} {
				data, v := values(r*(c+pad)), values(c)
				newM := func() *Dense {
					return NewDense(r, c+pad, append([]float64(nil), data...)).Slice(0, r, 0, c).(*Dense)
				}
				// AddRowVec.
				m1, m2 := newM(), newM()
				AddRowVec(m1, NewVecDense(c, v))
				plainOf(func() { AddRowVec(m2, NewVecDense(c, v)) })()
				if diff := firstDifference(m1.RawMatrix().Data, m2.RawMatrix().Data); diff != "" {
					t.Fatalf("AddRowVec %d×%d, stride +%d: %s", r, c, pad, diff)
				}
				// RowSum, with the betas of SGD, of a first sum and another.
				for _, beta := range []float64{1, 0, 0.25} {
					d0 := values(c)
					d1, d2 := NewVecDense(c, append([]float64(nil), d0...)), NewVecDense(c, append([]float64(nil), d0...))
					m := newM()
					RowSum(d1, -0.3, m, beta)
					plainOf(func() { RowSum(d2, -0.3, m, beta) })()
					if diff := firstDifference(d1.RawVector().Data, d2.RawVector().Data); diff != "" {
						t.Fatalf("RowSum %d×%d, stride +%d, beta %v: %s", r, c, pad, beta, diff)
					}
				}
			}
			// MulSigmoidPrime on r·c elements.
			d0, a := values(r*c), values(r*c)
			d1, d2 := append([]float64(nil), d0...), append([]float64(nil), d0...)
			MulSigmoidPrime(d1, a)
			plainOf(func() { MulSigmoidPrime(d2, a) })()
			if diff := firstDifference(d1, d2); diff != "" {
				t.Fatalf("MulSigmoidPrime, %d elements: %s", r*c, diff)
			}
		}
	}
}

// plainOf returns f run with the plain Go loops.
func plainOf(f func()) func() {
	return func() {
		defer func(was bool) { hasAVX512 = was }(hasAVX512)
		hasAVX512 = false
		f()
	}
}

func BenchmarkElementwise(b *testing.B) {
	rng := rand.New(rand.NewPCG(10, 10))
	for _, shape := range [][2]int{{10, 30}, {100, 30}, {100, 800}} {
		r, c := shape[0], shape[1]
		m := NewDense(r, c, randSlice(rng, r*c))
		a, d0, d := randSlice(rng, r*c), randSlice(rng, r*c), make([]float64, r*c)
		v := NewVecDense(c, randSlice(rng, c))
		ops := []struct {
			name string
			f    func()
		}{
			{"AddRowVec", func() { AddRowVec(m, v) }},
			// From the same d every time: repeated, the products would
			// sink into subnormal numbers, which are slow.
			{"MulSigmoidPrime", func() { copy(d, d0); MulSigmoidPrime(d, a) }},
			{"RowSum", func() { RowSum(v, -0.01, m, 1) }},
		}
		for _, op := range ops {
			for _, vector := range []bool{false, true} {
				name := fmt.Sprintf("op=%s/shape=%dx%d/impl=%s", op.name, r, c, map[bool]string{false: "go", true: "vector"}[vector])
				b.Run(name, func(b *testing.B) {
					if vector && !hasAVX512 {
						b.Skip("no AVX-512")
					}
					defer func(was bool) { hasAVX512 = was }(hasAVX512)
					hasAVX512 = hasAVX512 && vector
					b.ReportAllocs()
					for b.Loop() {
						op.f()
					}
				})
			}
		}
	}
}
