package mat

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The vector sigmoid gives math.Exp's bits: over a million arguments from
// the range training meets, the edges of the vector kernel's range and
// math.Exp's special cases, at lengths that leave tails, in place and not.
func TestSigmoidSameBitsAsMathExp(t *testing.T) {
	if hasAVX512 && !vectorSigmoid {
		t.Fatal("the vector sigmoid disagrees with math.Exp on its probe")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	special := []float64{0, math.Copysign(0, -1), 700, -700, math.Nextafter(700, 800), math.Nextafter(-700, -800),
		708.3, -708.3, 709.7, -709.7, 709.8, -709.8, 745.2, -745.2, 1000, -1000, 5e-324, -5e-324, 1e-300,
		math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	draw := []func() float64{
		func() float64 { return rng.NormFloat64() * 4 },
		func() float64 { return (rng.Float64() - 0.5) * 1400 },
		func() float64 { return math.Ldexp(rng.Float64()-0.5, rng.IntN(40)-30) },
		func() float64 { return special[rng.IntN(len(special))] },
	}
	for _, mostly := range []int{0, 1, 2} {
		for _, n := range []int{1, 7, 8, 9, 16, 23, 64, 1000, 100003} {
			z := make([]float64, n)
			for i := range z {
				pick := mostly
				if rng.IntN(200) == 0 {
					pick = 3
				}
				z[i] = draw[pick]()
			}
			for _, inPlace := range []bool{false, true} {
				dst := make([]float64, n)
				if inPlace {
					copy(dst, z)
				}
				Sigmoid(dst, map[bool][]float64{false: z, true: dst}[inPlace])
				for i, v := range z {
					want := 1 / (1 + math.Exp(-v))
					if math.Float64bits(dst[i]) != math.Float64bits(want) {
						t.Fatalf("n=%d, in place %v: σ(%v) = %v (%#x), math.Exp gives %v (%#x)", n, inPlace, v, dst[i], math.Float64bits(dst[i]), want, math.Float64bits(want))
					}
				}
			}
		}
	}
}

func BenchmarkSigmoid(b *testing.B) {
	rng := rand.New(rand.NewPCG(6, 6))
	z := make([]float64, 4000)
	for i := range z {
		z[i] = rng.NormFloat64() * 4
	}
	dst := make([]float64, len(z))
	for _, vector := range []bool{false, true} {
		name := map[bool]string{false: "impl=math.Exp", true: "impl=vector"}[vector]
		b.Run(name, func(b *testing.B) {
			if vector && !vectorSigmoid {
				b.Skip("no AVX-512")
			}
			defer func(was bool) { vectorSigmoid = was }(vectorSigmoid)
			vectorSigmoid = vector
			b.ReportAllocs()
			for b.Loop() {
				Sigmoid(dst, z)
			}
		})
	}
}
