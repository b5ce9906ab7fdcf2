package mat

import (
	"sync/atomic"

	"gonum.org/v1/gonum/blas/blas64"
)

// Tuned computes the two products that dominate training, a·bᵀ (the
// forward pass, one sample per row) and aᵀ·b (the weight gradient), with
// this package's own kernels: AVX-512 or AVX2 assembly with fused
// multiply-adds on amd64 processors that have them, plain Go elsewhere.
// The kernels take eight rows at a time, so that every element of the
// other operand is loaded once for eight, and 256 columns at a time, so
// that those eight rows stay in the L1 cache. The other products go through
// BLAS, as does MulVec: one sample's forward pass stays one BLAS MulVec per
// layer.
//
// Results match BLAS and Naive to rounding; the kernels' summation order
// and fused multiply-adds make the last bits differ, and differ between
// the AVX2 and AVX-512 versions.
type Tuned struct{}

var _ Products = Tuned{}

// TunedAssembly reports whether Tuned runs its assembly kernels on this
// machine rather than the plain Go ones.
func TunedAssembly() bool { return hasAVX2FMA }

// MulVec sets dst = a·x, or aᵀ·x when transA is set, through BLAS.
func (Tuned) MulVec(dst *VecDense, transA bool, a *Dense, x *VecDense) {
	BLAS{}.MulVec(dst, transA, a, x)
}

// AddOuter sets dst = dst + alpha·x·yᵀ through BLAS.
func (Tuned) AddOuter(dst *Dense, alpha float64, x, y *VecDense) {
	BLAS{}.AddOuter(dst, alpha, x, y)
}

// Mul sets dst = alpha·op(a)·op(b) + beta·dst.
func (Tuned) Mul(dst *Dense, alpha float64, transA bool, a *Dense, transB bool, b *Dense, beta float64) {
	switch {
	case !transA && transB:
		m, n, _ := mulShape(dst, transA, a, transB, b, beta)
		mulNT(dst.RawMatrix(), alpha, a.RawMatrix(), b.RawMatrix(), beta, m, n)
	case transA && !transB:
		m, _, k := mulShape(dst, transA, a, transB, b, beta)
		mulTN(dst.RawMatrix(), alpha, a.RawMatrix(), b.RawMatrix(), beta, m, k)
	default:
		BLAS{}.Mul(dst, alpha, transA, a, transB, b, beta)
	}
}

func rowOf(g blas64.General, i int) []float64 {
	return g.Data[i*g.Stride : i*g.Stride+g.Cols]
}

// group is how many rows the kernels take at once, and block how many
// columns: eight rows of 256 doubles (16 KiB) stay in the L1 cache while
// every row of the other operand streams past them.
const (
	group = 8
	block = 256
)

// mulNT sets c = alpha·a·bᵀ + beta·c, c being m×n: every element is a dot
// product of a row of a with a row of b, taken eight rows of a and block
// columns at a time.
func mulNT(c blas64.General, alpha float64, a, b blas64.General, beta float64, m, n int) {
	var xs [group][]float64
	var out [group]float64
	k := a.Cols
	for i := 0; i < m; i += group {
		rows := min(group, m-i)
		for s := range rows {
			scale(rowOf(c, i+s), beta)
		}
		for k0 := 0; k0 < k; k0 += block {
			k1 := min(k0+block, k)
			for s := range group {
				// Past the last row the kernel repeats it; those sums are not used.
				xs[s] = rowOf(a, i+min(s, rows-1))[k0:k1]
			}
			for j := range n {
				dot8(rowOf(b, j)[k0:k1], &xs, &out)
				for s := range rows {
					c.Data[(i+s)*c.Stride+j] += alpha * out[s]
				}
			}
		}
	}
}

// mulTN sets c = alpha·aᵀ·b + beta·c, c being m×n and a, b having k rows:
// row i of c gains alpha·a[l][i]·(row l of b) for every l, eight l and
// block columns at a time.
func mulTN(c blas64.General, alpha float64, a, b blas64.General, beta float64, m, k int) {
	var xs [group][]float64
	var coef [group]float64
	for i := range m {
		scale(rowOf(c, i), beta)
	}
	pad := zeros(block)
	for j0 := 0; j0 < c.Cols; j0 += block {
		j1 := min(j0+block, c.Cols)
		for l := 0; l < k; l += group {
			for s := range group {
				// Past the last row the kernel adds 0·0: exactly nothing,
				// whatever the other rows hold.
				xs[s] = pad[:j1-j0]
				if l+s < k {
					xs[s] = rowOf(b, l+s)[j0:j1]
				}
			}
			for i := range m {
				for s := range group {
					coef[s] = 0
					if l+s < k {
						coef[s] = alpha * a.Data[(l+s)*a.Stride+i]
					}
				}
				axpy8(rowOf(c, i)[j0:j1], &xs, &coef)
			}
		}
	}
}

// zeroRow is a shared read-only row of zeros that mulTN pads with. It only
// grows, and a race between two growers only costs an extra allocation.
var zeroRow atomic.Pointer[[]float64]

func zeros(n int) []float64 {
	if z := zeroRow.Load(); z != nil && len(*z) >= n {
		return (*z)[:n]
	}
	z := make([]float64, n)
	zeroRow.Store(&z)
	return z
}

// scale sets v = beta·v; with beta == 0 the old values are not read.
func scale(v []float64, beta float64) {
	switch beta {
	case 1:
	case 0:
		clear(v)
	default:
		for i := range v {
			v[i] *= beta
		}
	}
}

// dot8Go is the reference for the assembly dot8.
func dot8Go(w []float64, xs *[group][]float64, out *[group]float64) {
	for s := range xs {
		x := xs[s][:len(w)]
		var sum float64
		for k, v := range w {
			sum += v * x[k]
		}
		out[s] = sum
	}
}

// axpy8Go is the reference for the assembly axpy8.
func axpy8Go(y []float64, xs *[group][]float64, c *[group]float64) {
	for s := range xs {
		x := xs[s][:len(y)]
		for k := range y {
			y[k] += c[s] * x[k]
		}
	}
}
