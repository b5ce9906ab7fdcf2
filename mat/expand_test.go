package mat

import (
	"math/rand/v2"
	"testing"
)

// Expand against the plain table lookup, every byte value at every
// position of the vector kernel's groups, at lengths around its steps,
// with and without the kernel.
func TestExpand(t *testing.T) {
	var table [256]float64
	for v := range table {
		table[v] = float64(v)/255 - 0.25*float64(v%3)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for _, kernels := range []bool{false, true} {
		if kernels && !hasAVX512 {
			continue
		}
		for _, n := range []int{0, 1, 7, 8, 9, 31, 32, 33, 40, 255, 256, 784, 1000} {
			func() {
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
				Expand(dst[:n], src, &table)
				for i, v := range src {
					if dst[i] != table[v] {
						t.Fatalf("kernels %v, n=%d: element %d is %v, want table[%d] = %v", kernels, n, i, dst[i], v, table[v])
					}
				}
				if dst[n] != -7 {
					t.Fatalf("kernels %v, n=%d: Expand wrote past the end", kernels, n)
				}
			}()
		}
	}
}

func TestExpandLengthMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for lengths 3 and 4")
		}
	}()
	Expand(make([]float64, 3), make([]byte, 4), &[256]float64{})
}

func BenchmarkExpand(b *testing.B) {
	var table [256]float64
	for v := range table {
		table[v] = float64(v) / 255
	}
	src := make([]byte, 784)
	for i := range src {
		src[i] = byte(i * 7)
	}
	dst := make([]float64, len(src))
	for _, kernels := range []bool{false, true} {
		b.Run(map[bool]string{false: "impl=go", true: "impl=vector"}[kernels], func(b *testing.B) {
			if kernels && !hasAVX512 {
				b.Skip("no AVX-512")
			}
			defer func(was bool) { hasAVX512 = was }(hasAVX512)
			hasAVX512 = hasAVX512 && kernels
			b.ReportAllocs()
			for b.Loop() {
				Expand(dst, src, &table)
			}
		})
	}
}
