package mat

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// BLAS computes the products with a BLAS implementation: Impl, or when it
// is nil the one blas64 uses, which is gonum's pure Go assembly by default
// and OpenBLAS when the module is built with the openblas tag.
type BLAS struct {
	Impl blas.Float64
}

var _ Products = BLAS{}

// GonumBLAS is gonum's pure Go BLAS, whatever blas64 uses.
var GonumBLAS = BLAS{Impl: gonum.Implementation{}}

func (p BLAS) impl() blas.Float64 {
	if p.Impl == nil {
		return blas64.Implementation()
	}
	return p.Impl
}

func transpose(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// MulVec sets dst = a·x, or aᵀ·x when transA is set.
func (p BLAS) MulVec(dst *VecDense, transA bool, a *Dense, x *VecDense) {
	mulVecShape(dst, transA, a, x)
	ar, xv, dv := a.RawMatrix(), x.RawVector(), dst.RawVector()
	p.impl().Dgemv(transpose(transA), ar.Rows, ar.Cols, 1, ar.Data, ar.Stride, xv.Data, xv.Inc, 0, dv.Data, dv.Inc)
}

// Mul sets dst = alpha·op(a)·op(b) + beta·dst.
func (p BLAS) Mul(dst *Dense, alpha float64, transA bool, a *Dense, transB bool, b *Dense, beta float64) {
	m, n, _ := mulShape(dst, transA, a, transB, b, beta)
	ar, br, cr := a.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	impl := p.impl()
	if _, pure := impl.(gonum.Implementation); !pure {
		gemm(impl, transA, transB, alpha, ar, br, beta, cr)
		return
	}
	// gonum's Dgemm starts a goroutine per 64×64 block of dst once dst has
	// four blocks or more, which at this package's sizes costs more than it
	// saves and allocates. Panels of at most three blocks run serially.
	for i := 0; i < m; i += serialRows {
		i1 := min(i+serialRows, m)
		for j := 0; j < n; j += serialCols {
			j1 := min(j+serialCols, n)
			gemm(impl, transA, transB, alpha, opRows(ar, transA, i, i1), opCols(br, transB, j, j1), beta, sub(cr, i, i1, j, j1))
		}
	}
}

func gemm(impl blas.Float64, transA, transB bool, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	k := a.Cols
	if transA {
		k = a.Rows
	}
	impl.Dgemm(transpose(transA), transpose(transB), c.Rows, c.Cols, k, alpha, a.Data, a.Stride, b.Data, b.Stride, beta, c.Data, c.Stride)
}

// AddOuter sets dst = dst + alpha·x·yᵀ.
func (p BLAS) AddOuter(dst *Dense, alpha float64, x, y *VecDense) {
	outerShape(dst, x, y)
	xv, yv, c := x.RawVector(), y.RawVector(), dst.RawMatrix()
	p.impl().Dger(c.Rows, c.Cols, alpha, xv.Data, xv.Inc, yv.Data, yv.Inc, c.Data, c.Stride)
}

// The panel sizes keep gonum's Dgemm on its serial path: it goes parallel
// at four 64×64 blocks of the destination.
const (
	serialRows = 64
	serialCols = 3 * 64
)

// sub returns rows [r0, r1) and columns [c0, c1) of g, sharing its data.
func sub(g blas64.General, r0, r1, c0, c1 int) blas64.General {
	g.Data = g.Data[r0*g.Stride+c0 : (r1-1)*g.Stride+c1]
	g.Rows, g.Cols = r1-r0, c1-c0
	return g
}

// opRows returns the part of g that holds rows [r0, r1) of op(g).
func opRows(g blas64.General, trans bool, r0, r1 int) blas64.General {
	if trans {
		return sub(g, 0, g.Rows, r0, r1)
	}
	return sub(g, r0, r1, 0, g.Cols)
}

// opCols returns the part of g that holds columns [c0, c1) of op(g).
func opCols(g blas64.General, trans bool, c0, c1 int) blas64.General {
	if trans {
		return sub(g, c0, c1, 0, g.Cols)
	}
	return sub(g, 0, g.Rows, c0, c1)
}
