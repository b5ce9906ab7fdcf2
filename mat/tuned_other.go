//go:build !amd64 || purego

package mat

import "gonum.org/v1/gonum/blas/blas64"

// There are no assembly kernels for this platform; the variables exist for
// the tests, which switch kernel sets.
var hasAVX2FMA, hasAVX512, hasAVX512BWDQ = false, false, false

func dotPanel(w []float64, p *panel, out *[panelHeight]float64) {
	p.check(len(w))
	dotPanelGo(w, p, out)
}

func axpyPanel(y []float64, p *panel, c *[panelHeight]float64) {
	p.check(len(y))
	axpyPanelGo(y, p, c)
}

func dotPanel3(w *[3][]float64, p *panel, out *[3][panelHeight]float64) {
	for c := range w {
		dotPanel(w[c], p, &out[c])
	}
}

func axpyPanel3(y *[3][]float64, p *panel, c *[3][panelHeight]float64) {
	for i := range y {
		axpyPanel(y[i], p, &c[i])
	}
}

// The tile kernels exist only in assembly; hasAVX512 keeps them from being
// called here.

func ntTiles(c blas64.General, alpha float64, a, b blas64.General, m, n, k0, kn int) {
	panic("mat: internal error: no tile kernels")
}

func tnTiles(c blas64.General, alpha float64, a, b blas64.General, m, k int) {
	panic("mat: internal error: no tile kernels")
}

func nonzeroShare(g blas64.General) float64 { return 1 }

func byteGroupsVector(span []byte) (uint64, int) { return 0, 0 }

func nonzeroGroupsVector(span []float64) (uint64, int) { return 0, 0 }

func ntSparseTiles(c blas64.General, alpha float64, a, b blas64.General, m, n, k int, cleared bool, nz groupRows) {
	panic("mat: internal error: no tile kernels")
}

func tnSparseTiles(c blas64.General, alpha float64, a, b blas64.General, m, k int, nz groupRows) {
	panic("mat: internal error: no tile kernels")
}

func fmaPeak(n int) { panic("mat: internal error: no assembly kernels") }

// vectorSigmoid is false: Sigmoid takes every element with math.Exp.
var vectorSigmoid = false

func sigmoidVector(dst, z []float64) int { return 0 }

func scaleVector(dst []float64, src []byte, r, d float64) int { return 0 }

func scale255Vector(dst []float64, src []byte) int { return 0 }

func nnTiles(c blas64.General, alpha float64, a, b blas64.General, m, n, k int) {
	panic("mat: internal error: no tile kernels")
}

func addRowsVector(m []float64, ld, rows int, v []float64, n int) bool { return false }

func mulSigmoidPrimeVector(d, a []float64) bool { return false }

func columnSumsVector(s, m []float64, ld, rows int) bool { return false }

func ntSparseBytesTiles(c blas64.General, alpha float64, a ScaledBytes, b blas64.General, m, n, k int, cleared bool, nz groupRows) {
	panic("mat: internal error: no assembly kernels")
}

func tnSparseBytesTiles(c blas64.General, alpha float64, a blas64.General, b ScaledBytes, m, k int, nz groupRows) {
	panic("mat: internal error: no assembly kernels")
}

func byteKernels(s *ByteScale, neurons int) bool { return false }
