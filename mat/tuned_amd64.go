//go:build !purego

package mat

import "golang.org/x/sys/cpu"

// hasAVX2FMA reports whether the assembly kernels can run here, and
// hasAVX512 whether their wider version can.
var (
	hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasAVX512  = hasAVX2FMA && cpu.X86.HasAVX512F
)

//go:noescape
func dot8AVX2(w *float64, xs *[8]*float64, n int, out *[8]float64)

//go:noescape
func axpy8AVX2(y *float64, xs *[8]*float64, n int, c *[8]float64)

//go:noescape
func dot8AVX512(w *float64, xs *[8]*float64, n int, out *[8]float64)

//go:noescape
func axpy8AVX512(y *float64, xs *[8]*float64, n int, c *[8]float64)

// dot8 sets out[s] to the dot product of w with xs[s], over len(w) elements.
func dot8(w []float64, xs *[8][]float64, out *[8]float64) {
	n := len(w)
	if !hasAVX2FMA || n == 0 {
		dot8Go(w, xs, out)
		return
	}
	var p [8]*float64
	for s := range xs {
		p[s] = &xs[s][:n][0]
	}
	if hasAVX512 {
		dot8AVX512(&w[0], &p, n, out)
	} else {
		dot8AVX2(&w[0], &p, n, out)
	}
}

// axpy8 sets y[k] += Σ_s c[s]·xs[s][k], over len(y) elements.
func axpy8(y []float64, xs *[8][]float64, c *[8]float64) {
	n := len(y)
	if !hasAVX2FMA || n == 0 {
		axpy8Go(y, xs, c)
		return
	}
	var p [8]*float64
	for s := range xs {
		p[s] = &xs[s][:n][0]
	}
	if hasAVX512 {
		axpy8AVX512(&y[0], &p, n, c)
	} else {
		axpy8AVX2(&y[0], &p, n, c)
	}
}
