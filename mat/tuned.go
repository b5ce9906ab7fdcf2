package mat

import (
	"sync/atomic"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// Tuned is a BLAS with this package's own kernels for the two products
// that dominate training, c = a·bᵀ (the forward pass, one sample per row)
// and c = aᵀ·b (the weight gradient): AVX-512 or AVX2 assembly with fused
// multiply-adds on amd64 processors that have them, plain Go elsewhere.
// Every other routine, and Dgemm with other transposes, is [Gonum]'s: one
// sample's forward pass stays one gonum Dgemv per layer. (With AVX-512,
// a·b, the error sent back through the weights, runs on tile kernels that
// repeat gonum's arithmetic: the same bits.)
//
// The kernels take a panel of eight rows (four for the last few) and 256
// columns, small enough to stay in the L1 cache, and run it against three
// rows of the other operand at a time (the registers hold 8×3 accumulators
// with AVX-512, 4×3 with AVX2, which takes the panel in two halves) and
// against the last one or two one at a time. With AVX-512, tiles of the
// destination held in registers from start to end do the bulk of the work
// (three samples by eight neurons for a·bᵀ, four neurons by 48 inputs for
// aᵀ·b), computing every element in the order the panels would.
//
// The weight gradient aᵀ·b sums over the rows of a and b (the samples)
// by adding them into c one after another, TunedGradientBlock at a time:
// a product over rows [0, k) gives the bits of one over [0, j) followed,
// with beta 1, by one over [j, k), when j is a multiple of
// TunedGradientBlock. Package nn trains a large mini-batch in blocks on
// this.
//
// With AVX-512, inputs with many zeros take sparse kernels: in a·bᵀ (the
// forward pass) the groups of eight columns of a row of a that are all
// zero are left out, and in aᵀ·b (the weight gradient) those of a row of
// b. A fused multiply-add by zero leaves a sum as it was, so every
// element comes out the same, bit for bit (but for the sign of a zero
// sum, and the NaN that an infinite or NaN factor, a weight or an error,
// would have made of a zero input). MNIST's digits are 81 % blank, 61 %
// of the groups: at batch 100 the first layer's products of
// [784, 800, 10] take 35–42 % less time. Where the first rows of the
// operand have more than three quarters (a·bᵀ) or half (aᵀ·b) of their
// groups nonzero, the dense kernels run. MulABT and MulATB read the
// groups from a NonzeroGroups map instead of searching for them.
//
// Results match Naive to rounding; the kernels' summation order and fused
// multiply-adds make the last bits differ, and differ between the AVX2 and
// AVX-512 versions.
//
// Dgemm runs on Threads goroutines, the caller's and workers that live as
// long as the program, when the product is large enough to pay for the
// hand-over; the zero value means runtime.GOMAXPROCS(0), every core. Each
// goroutine computes a strip of the destination, whole elements in the same
// order as one thread would, so the results are the same, bit for bit,
// whatever Threads and GOMAXPROCS are. Tuned is safe for concurrent use:
// when another product has the workers, a strip runs on the caller.
// Package nn's training shares a step of fewer than 256 samples between
// as many cores (ThreadCount) by the first layer's neurons instead, each
// core's products on one thread.
type Tuned struct {
	Gonum
	Threads int
}

var _ blas.Float64 = Tuned{}

// TunedKernels names the kernels Tuned runs on this machine: "avx512",
// "avx2" or "go".
func TunedKernels() string {
	switch {
	case hasAVX512:
		return "avx512"
	case hasAVX2FMA:
		return "avx2"
	}
	return "go"
}

// Dgemm sets c = alpha·op(a)·op(b) + beta·c, with op(a) m×k and op(b) k×n.
// With beta == 0 c is not read.
func (t Tuned) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkGemm("Tuned.Dgemm", tA, tB, m, n, k, a, lda, b, ldb, c, ldc)
	t.gemm(&gemmArgs{tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, groupRows{}})
}

// gemm is Dgemm, the arguments checked.
func (t Tuned) gemm(g *gemmArgs) {
	if !t.parallelDgemm(g) {
		t.dgemm(g)
	}
}

// dgemm is Dgemm on the caller's goroutine, the arguments checked.
func (t Tuned) dgemm(g *gemmArgs) {
	transA, transB := g.tA != blas.NoTrans, g.tB != blas.NoTrans
	m, n, k := g.m, g.n, g.k
	if !transA && !transB && g.alpha != 0 && k > 0 && m > 0 && n > 0 && tiled() {
		mulNN(blas64.General{Rows: m, Cols: n, Stride: g.ldc, Data: g.c}, g.alpha, blas64.General{Rows: m, Cols: k, Stride: g.lda, Data: g.a}, blas64.General{Rows: k, Cols: n, Stride: g.ldb, Data: g.b}, g.beta)
		return
	}
	if g.alpha == 0 || transA == transB {
		t.Gonum.Dgemm(g.tA, g.tB, m, n, k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, g.c, g.ldc)
		return
	}
	if m == 0 || n == 0 {
		return
	}
	c := blas64.General{Rows: m, Cols: n, Stride: g.ldc, Data: g.c}
	if !transA {
		mulNT(c, g.alpha, blas64.General{Rows: m, Cols: k, Stride: g.lda, Data: g.a}, blas64.General{Rows: n, Cols: k, Stride: g.ldb, Data: g.b}, g.beta, m, n, g.nz)
		return
	}
	mulTN(c, g.alpha, blas64.General{Rows: k, Cols: m, Stride: g.lda, Data: g.a}, blas64.General{Rows: k, Cols: n, Stride: g.ldb, Data: g.b}, g.beta, m, k, g.nz)
}

func rowOf(g blas64.General, i int) []float64 {
	return g.Data[i*g.Stride : i*g.Stride+g.Cols]
}

// rows returns rows [from, to) of g, sharing its data.
func rows(g blas64.General, from, to int) blas64.General {
	return blas64.General{Rows: to - from, Cols: g.Cols, Stride: g.Stride, Data: g.Data[from*g.Stride:]}
}

// columns returns columns [from, to) of g, sharing its data.
func columns(g blas64.General, from, to int) blas64.General {
	return blas64.General{Rows: g.Rows, Cols: to - from, Stride: g.Stride, Data: g.Data[from:]}
}

// panelHeight is how many rows a panel holds, and panelWidth how many
// columns: eight rows of 256 doubles (16 KiB) stay in the L1 cache while
// every row of the other operand streams past them.
const (
	panelHeight = 8
	panelWidth  = 256
)

// panel is up to eight row pieces of n doubles each. The kernels take the
// row pointers and n as arguments, panels of height 8 or 4; the rows of a
// panel that the product does not have are filled in as mulNT and mulTN
// say.
type panel struct {
	rows   [panelHeight]*float64
	n      int
	height int
}

// heightFor returns the panel height for rows real rows.
func heightFor(rows int) int {
	if rows <= 4 {
		return 4
	}
	return panelHeight
}

// set makes row s of the panel start at row[0]; row must hold n doubles.
func (p *panel) set(s int, row []float64) {
	p.rows[s] = unsafe.SliceData(row[:p.n])
}

func (p *panel) check(n int) {
	if n != p.n {
		panic("mat: internal error: vector and panel lengths differ")
	}
}

// row returns row s of the panel as a slice.
func (p *panel) row(s int) []float64 { return unsafe.Slice(p.rows[s], p.n) }

// panelsOnly keeps the tile kernels from running, so that the tests can
// compare them with the panels, which compute the same sums.
var panelsOnly bool

// tiled reports whether mulNT and mulTN use the tile kernels.
func tiled() bool { return hasAVX512 && !panelsOnly }

// denseOnly keeps the sparse kernels from running, so that the tests can
// compare them with the tiles.
var denseOnly bool

// The sparse kernels leave out the groups of eight columns of a (in a·bᵀ)
// or of b (in aᵀ·b) that are all zero, and take a product when at most
// this share of the groups of its first rows hold a nonzero: each group
// they keep costs them more than the tiles (the tiles load a row of the
// other operand for three samples at once, or keep a wider tile). They
// sum every element in the order the tiles do, so the bits are the same
// either way.
const (
	ntSparseShare = 0.75
	tnSparseShare = 0.5
)

// sparse reports whether the sparse kernels take a product whose operand
// g has the zeros, nz its map if it has one: whether few enough groups of
// its first rows hold a nonzero. g.Cols is a multiple of 8.
func sparse(g blas64.General, nz groupRows, share float64) bool {
	if denseOnly {
		return false
	}
	if nz.bits != nil {
		return nz.share(g.Rows, g.Cols) <= share
	}
	return nonzeroShare(g) <= share
}

// TunedGradientBlock is how many rows of a and b Tuned's aᵀ·b adds into
// c at a time; see Tuned.
const TunedGradientBlock = 64

// Blocking: a block of panels shares each pass of the other operand's
// rows, so that a wide weight matrix streams from memory once per block
// rather than once per panel of eight rows. The loops change only the
// order in which elements are computed, not the order in which any one
// element's sum is taken.
const (
	ntBlock = 8                                // panels of a per pass over the rows of b in mulNT
	tnBlock = TunedGradientBlock / panelHeight // panels of b per pass over the rows of c in mulTN
)

// mulNT sets c = alpha·a·bᵀ + beta·c, c being m×n: every element is a dot
// product of a row of a with a row of b, taken in chunks of panelWidth
// columns and added to c chunk by chunk. Where the tile kernels run, they
// take the columns of c in groups of three; the panels take the rest, in
// the same order.
func mulNT(c blas64.General, alpha float64, a, b blas64.General, beta float64, m, n int, nz groupRows) {
	scaleRows(c, beta)
	k := a.Cols
	n3 := n - n%3
	if !tiled() || n3 == 0 || k == 0 {
		ntPanels(c, alpha, a, b, m, n)
		return
	}
	if k%8 == 0 && sparse(a, nz, ntSparseShare) {
		ntSparseTiles(c, alpha, a, b, m, n3, k, beta == 0, nz)
	} else {
		for k0 := 0; k0 < k; k0 += panelWidth {
			ntTiles(c, alpha, a, b, m, n3, k0, min(panelWidth, k-k0))
		}
	}
	if n3 < n {
		ntPanels(columns(c, n3, n), alpha, a, rows(b, n3, n), m, n-n3)
	}
}

// ntPanels adds alpha·a·bᵀ to c, m×n: a block of panels of rows of a at a
// time, each chunk of panelWidth columns in turn.
func ntPanels(c blas64.General, alpha float64, a, b blas64.General, m, n int) {
	var (
		ps   [ntBlock]panel
		out  [panelHeight]float64
		out3 [3][panelHeight]float64
		w    [3][]float64
	)
	for i0 := 0; i0 < m; i0 += ntBlock * panelHeight {
		blockRows := min(ntBlock*panelHeight, m-i0)
		np := (blockRows + panelHeight - 1) / panelHeight
		for k0 := 0; k0 < a.Cols; k0 += panelWidth {
			kn := min(panelWidth, a.Cols-k0)
			for q := range np {
				p, i := &ps[q], i0+q*panelHeight
				rows := min(panelHeight, m-i)
				p.n, p.height = kn, heightFor(rows)
				for s := range p.height {
					// Past the last row the panel repeats it; those sums are not used.
					p.set(s, rowOf(a, i+min(s, rows-1))[k0:])
				}
			}
			j := 0
			for ; j+3 <= n; j += 3 {
				for t := range 3 {
					w[t] = rowOf(b, j+t)[k0 : k0+kn]
				}
				for q := range np {
					i := i0 + q*panelHeight
					dotPanel3(&w, &ps[q], &out3)
					for t := range 3 {
						for s := range min(panelHeight, m-i) {
							c.Data[(i+s)*c.Stride+j+t] += alpha * out3[t][s]
						}
					}
				}
			}
			for ; j < n; j++ {
				for q := range np {
					i := i0 + q*panelHeight
					dotPanel(rowOf(b, j)[k0:k0+kn], &ps[q], &out)
					for s := range min(panelHeight, m-i) {
						c.Data[(i+s)*c.Stride+j] += alpha * out[s]
					}
				}
			}
		}
	}
}

// mulNN sets c = alpha·a·b + beta·c, c being m×n and a m×k, with the tile
// kernels, giving gonum's bits: gonum scales c by beta, then adds
// (alpha·a[i][l])·(row l of b) to row i of c for every l in turn, rounding
// the coefficient, the product and the sum, and skipping the zero
// coefficients.
func mulNN(c blas64.General, alpha float64, a, b blas64.General, beta float64) {
	scaleRows(c, beta)
	nnTiles(c, alpha, a, b, c.Rows, c.Cols, a.Cols)
}

// mulTN sets c = alpha·aᵀ·b + beta·c, c being m×n and a, b having k rows:
// row i of c gains alpha·a[l][i]·(row l of b) for every l in turn. Where
// the tile kernels run, they take the rows of c in groups of three; the
// panels take the rest.
func mulTN(c blas64.General, alpha float64, a, b blas64.General, beta float64, m, k int, nz groupRows) {
	scaleRows(c, beta)
	m3 := m - m%3
	if !tiled() || m3 == 0 || k == 0 {
		tnPanels(c, alpha, a, b, m, k)
		return
	}
	if c.Cols%8 == 0 && sparse(b, nz, tnSparseShare) {
		tnSparseTiles(rows(c, 0, m3), alpha, a, b, m3, k, nz)
	} else {
		tnTiles(rows(c, 0, m3), alpha, a, b, m3, k)
	}
	if m3 < m {
		tnPanels(rows(c, m3, m), alpha, columns(a, m3, m), b, m-m3, k)
	}
}

// tnPanels adds alpha·aᵀ·b to c, m×n, in chunks of panelWidth columns,
// each group of rows of c taking a block of panels of rows of b in turn.
func tnPanels(c blas64.General, alpha float64, a, b blas64.General, m, k int) {
	var (
		ps   [tnBlock]panel
		coef [3][panelHeight]float64
		y    [3][]float64
	)
	pad := zeros(panelWidth)
	for j0 := 0; j0 < c.Cols; j0 += panelWidth {
		jn := min(panelWidth, c.Cols-j0)
		for l0 := 0; l0 < k; l0 += tnBlock * panelHeight {
			np := (min(tnBlock*panelHeight, k-l0) + panelHeight - 1) / panelHeight
			for q := range np {
				p, l := &ps[q], l0+q*panelHeight
				rows := min(panelHeight, k-l)
				p.n, p.height = jn, heightFor(rows)
				for s := range p.height {
					// Past the last row the panel adds 0·0: exactly nothing,
					// whatever the other rows hold.
					p.set(s, pad)
					if s < rows {
						p.set(s, rowOf(b, l+s)[j0:])
					}
				}
			}
			i := 0
			for ; i+3 <= m; i += 3 {
				for t := range 3 {
					y[t] = rowOf(c, i+t)[j0 : j0+jn]
				}
				for q := range np {
					l := l0 + q*panelHeight
					clear(coef[:])
					for t := range 3 {
						for s := range min(panelHeight, k-l) {
							coef[t][s] = alpha * a.Data[(l+s)*a.Stride+i+t]
						}
					}
					axpyPanel3(&y, &ps[q], &coef)
				}
			}
			for ; i < m; i++ {
				for q := range np {
					l := l0 + q*panelHeight
					clear(coef[0][:])
					for s := range min(panelHeight, k-l) {
						coef[0][s] = alpha * a.Data[(l+s)*a.Stride+i]
					}
					axpyPanel(rowOf(c, i)[j0:j0+jn], &ps[q], &coef[0])
				}
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

// scaleRows sets c = beta·c; with beta == 0 the old values are not read.
// Rows that follow one another in memory are scaled as one: a call a row
// took longer than the clearing of an output layer's ten doubles.
func scaleRows(c blas64.General, beta float64) {
	switch {
	case beta == 1:
	case c.Stride == c.Cols:
		scale(c.Data[:c.Rows*c.Cols], beta)
	default:
		for i := range c.Rows {
			scale(rowOf(c, i), beta)
		}
	}
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

// dotPanelGo is the reference for the dot kernels.
func dotPanelGo(w []float64, p *panel, out *[panelHeight]float64) {
	for s := range p.height {
		x := p.row(s)
		var sum float64
		for k, v := range w {
			sum += v * x[k]
		}
		out[s] = sum
	}
}

// axpyPanelGo is the reference for the axpy kernels.
func axpyPanelGo(y []float64, p *panel, c *[panelHeight]float64) {
	for s := range p.height {
		x := p.row(s)
		for k := range y {
			y[k] += c[s] * x[k]
		}
	}
}
