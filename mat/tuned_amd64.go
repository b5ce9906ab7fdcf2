//go:build !purego

package mat

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

//go:generate go run ./internal/asmgen

// hasAVX2FMA reports whether the assembly kernels can run here, and
// hasAVX512 whether their wider version can.
var (
	hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasAVX512  = hasAVX2FMA && cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
	// hasAVX512BWDQ is what ByteScale's kernel for divisor 255 needs too.
	hasAVX512BWDQ = hasAVX512 && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512DQ
)

// The kernels of tuned_amd64.s. dotR sets out[s] = w·(row s of the panel)
// and axpyR adds Σ_s c[s]·(row s of the panel) to y, for a panel of R
// rows of n doubles; w and y have n doubles too.

//go:noescape
func dot8AVX2(w *float64, rows *[8]*float64, n int, out *[8]float64)

//go:noescape
func dot4AVX2(w *float64, rows *[4]*float64, n int, out *[4]float64)

//go:noescape
func axpy8AVX2(y *float64, rows *[8]*float64, n int, c *[8]float64)

//go:noescape
func axpy4AVX2(y *float64, rows *[4]*float64, n int, c *[4]float64)

//go:noescape
func dot8AVX512(w *float64, rows *[8]*float64, n int, out *[8]float64)

//go:noescape
func dot4AVX512(w *float64, rows *[4]*float64, n int, out *[4]float64)

//go:noescape
func axpy8AVX512(y *float64, rows *[8]*float64, n int, c *[8]float64)

//go:noescape
func axpy4AVX512(y *float64, rows *[4]*float64, n int, c *[4]float64)

func dotPanel(w []float64, p *panel, out *[panelHeight]float64) {
	p.check(len(w))
	switch {
	case !hasAVX2FMA || p.n == 0:
		dotPanelGo(w, p, out)
	case p.height == 4 && hasAVX512:
		dot4AVX512(&w[0], p.top(), p.n, (*[4]float64)(out[:4]))
	case p.height == 4:
		dot4AVX2(&w[0], p.top(), p.n, (*[4]float64)(out[:4]))
	case hasAVX512:
		dot8AVX512(&w[0], &p.rows, p.n, out)
	default:
		dot8AVX2(&w[0], &p.rows, p.n, out)
	}
}

func axpyPanel(y []float64, p *panel, c *[panelHeight]float64) {
	p.check(len(y))
	switch {
	case !hasAVX2FMA || p.n == 0:
		axpyPanelGo(y, p, c)
	case p.height == 4 && hasAVX512:
		axpy4AVX512(&y[0], p.top(), p.n, (*[4]float64)(c[:4]))
	case p.height == 4:
		axpy4AVX2(&y[0], p.top(), p.n, (*[4]float64)(c[:4]))
	case hasAVX512:
		axpy8AVX512(&y[0], &p.rows, p.n, c)
	default:
		axpy8AVX2(&y[0], &p.rows, p.n, c)
	}
}

// fmaPeak runs n rounds of 16 independent fused multiply-adds on AVX-512
// registers and nothing else, for BenchmarkPeak.
//
//go:noescape
func fmaPeak(n int)

// The three-vector kernels of tuned_amd64.s run a panel's rows against
// three vectors at once; out and c point at a [3][8]float64, or four
// doubles into one for the second half of an eight-row panel.

//go:noescape
func dot8x3AVX512(w *[3]*float64, rows *[8]*float64, n int, out *float64)

//go:noescape
func dot4x3AVX512(w *[3]*float64, rows *[4]*float64, n int, out *float64)

//go:noescape
func dot4x3AVX2(w *[3]*float64, rows *[4]*float64, n int, out *float64)

//go:noescape
func axpy8x3AVX512(y *[3]*float64, rows *[8]*float64, n int, c *float64)

//go:noescape
func axpy4x3AVX512(y *[3]*float64, rows *[4]*float64, n int, c *float64)

//go:noescape
func axpy4x3AVX2(y *[3]*float64, rows *[4]*float64, n int, c *float64)

// The dispatchers below call each kernel by name rather than through a
// table of function values: an assembly function reached through a func
// value makes its pointer arguments escape, and every call allocated.

// dotPanel3 is dotPanel for three vectors at once.
func dotPanel3(w *[3][]float64, p *panel, out *[3][panelHeight]float64) {
	if !hasAVX2FMA || p.n == 0 {
		for c := range w {
			dotPanel(w[c], p, &out[c])
		}
		return
	}
	ptrs := p.vectors(w)
	switch {
	case hasAVX512 && p.height == 4:
		dot4x3AVX512(&ptrs, p.top(), p.n, &out[0][0])
	case hasAVX512:
		dot8x3AVX512(&ptrs, &p.rows, p.n, &out[0][0])
	default:
		dot4x3AVX2(&ptrs, p.top(), p.n, &out[0][0])
		if p.height == 8 {
			dot4x3AVX2(&ptrs, p.bottom(), p.n, &out[0][4])
		}
	}
}

// axpyPanel3 is axpyPanel for three vectors at once.
func axpyPanel3(y *[3][]float64, p *panel, c *[3][panelHeight]float64) {
	if !hasAVX2FMA || p.n == 0 {
		for i := range y {
			axpyPanel(y[i], p, &c[i])
		}
		return
	}
	ptrs := p.vectors(y)
	switch {
	case hasAVX512 && p.height == 4:
		axpy4x3AVX512(&ptrs, p.top(), p.n, &c[0][0])
	case hasAVX512:
		axpy8x3AVX512(&ptrs, &p.rows, p.n, &c[0][0])
	default:
		axpy4x3AVX2(&ptrs, p.top(), p.n, &c[0][0])
		if p.height == 8 {
			axpy4x3AVX2(&ptrs, p.bottom(), p.n, &c[0][4])
		}
	}
}

// top and bottom return the pointers to the panel's first and last four
// rows, for the kernels that take four.
func (p *panel) top() *[4]*float64    { return (*[4]*float64)(p.rows[:4]) }
func (p *panel) bottom() *[4]*float64 { return (*[4]*float64)(p.rows[4:]) }

// vectors checks that the three vectors have the panel's length and
// returns where they start.
func (p *panel) vectors(v *[3][]float64) [3]*float64 {
	var ptrs [3]*float64
	for c := range v {
		p.check(len(v[c]))
		ptrs[c] = unsafe.SliceData(v[c])
	}
	return ptrs
}
