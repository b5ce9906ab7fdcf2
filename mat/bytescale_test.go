package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// ByteScale against float64(b)/d, for divisors whose reciprocal is exact
// and not, tiny and huge, every byte value at every position of the
// vector kernel's groups, at lengths around its steps, with and without
// the kernel, and through the division that a divisor the kernel's
// arithmetic got wrong would take. (None is known: two million random
// divisors between 2⁻²⁰ and 2²⁰ gave b/d for every byte.)
func TestByteScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, d := range []float64{255, 256, 3, 7, 10, 0.1, -255, 1e-300, 3e307} {
		s := NewByteScale(d)
		if !s.fast {
			t.Errorf("divisor %v: the corrected product misses b/d for some byte", d)
		}
		if s.repeat != (d == 255) {
			t.Errorf("divisor %v: the repeated bytes are taken: %v", d, s.repeat)
		}
		for _, k := range []struct{ fast, repeat bool }{{false, false}, {true, false}, {false, true}} {
			if k.repeat && !s.repeat {
				continue
			}
			s.fast, s.repeat = k.fast, k.repeat
			fast := fmt.Sprintf("%v/repeat=%v", k.fast, k.repeat)
			for _, kernels := range []bool{false, true} {
				if kernels && !hasAVX512 {
					continue
				}
				for _, n := range []int{0, 1, 7, 8, 9, 31, 32, 33, 40, 255, 256, 784, 1000} {
					t.Run(fmt.Sprintf("d=%v/fast=%v/kernels=%v/n=%d", d, fast, kernels, n), func(t *testing.T) {
						defer func(was bool) { hasAVX512 = was }(hasAVX512)
						hasAVX512 = hasAVX512 && kernels
						src := make([]byte, n)
						for i := range src {
							src[i] = byte(rng.IntN(256))
							if n == 256 {
								src[i] = byte(i)
							}
						}
						// One element more than asked for, which must stay untouched.
						dst := make([]float64, n+1)
						dst[n] = -7
						s.Expand(dst[:n], src)
						for i, v := range src {
							if want := float64(v) / d; dst[i] != want || math.Signbit(dst[i]) != math.Signbit(want) {
								t.Fatalf("element %d: %v/%v is %v, want %v", i, v, d, dst[i], want)
							}
						}
						if dst[n] != -7 {
							t.Fatal("Expand wrote past the end")
						}
					})
				}
			}
		}
	}
}

func TestNewByteScalePanics(t *testing.T) {
	for _, d := range []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic for divisor %v", d)
				}
			}()
			NewByteScale(d)
		}()
	}
}

func BenchmarkByteScale(b *testing.B) {
	src := make([]byte, 784)
	for i := range src {
		src[i] = byte(i * 7)
	}
	dst := make([]float64, len(src))
	for _, k := range []struct {
		name             string
		kernels, repeats bool
	}{{"go", false, false}, {"corrected", true, false}, {"repeated", true, true}} {
		b.Run("impl="+k.name, func(b *testing.B) {
			if k.kernels && !hasAVX512 || k.repeats && !hasAVX512BWDQ {
				b.Skip("no AVX-512")
			}
			defer func(was bool) { hasAVX512 = was }(hasAVX512)
			hasAVX512 = hasAVX512 && k.kernels
			scale := NewByteScale(255)
			scale.repeat = k.repeats
			b.ReportAllocs()
			for b.Loop() {
				scale.Expand(dst, src)
			}
		})
	}
}

func TestByteScaleLengthMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for lengths 3 and 4")
		}
	}()
	NewByteScale(255).Expand(make([]float64, 3), make([]byte, 4))
}
