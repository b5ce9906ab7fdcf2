//go:build !purego

package mat

import (
	"math/bits"

	"gonum.org/v1/gonum/blas/blas64"
)

// The sparse kernels of sparse_amd64.s, AVX-512 only; see
// internal/asmgen/sparse.go. nonzeroBits sets bit i of bits[o] when the
// eight doubles at x + o·outerStride + i·innerStride have a bit set.
// ntSparse{N}, N up to 16, is ntTile1 on the groups that masks selects
// against N rows of w, for rows rows of x and c one after another;
// tnSparse{R}, R up to 16, is tnTile{R} on the rows of x whose bits
// samples[g] sets, for groups groups of eight columns side by side.
// byteGroups is nonzeroBits for a row of bytes, eight groups of eight at a time.

//go:noescape
func nonzeroBits(x *float64, outerStride, outer, innerStride, inner int, bits *uint64)

//go:noescape
func byteGroups(x *byte, chunks int) uint64

// byteGroupsVector returns the bits of the groups of eight bytes of
// span (at most 64 groups) that hold a nonzero, for as many whole chunks
// of eight groups as it takes with the vector kernel, and how many bytes
// that is.
func byteGroupsVector(span []byte) (uint64, int) {
	chunks := len(span) / 64
	if !hasAVX512 || chunks == 0 {
		return 0, 0
	}
	return byteGroups(&span[0], chunks), 64 * chunks
}

// nonzeroGroupsVector returns the bits of the groups of eight doubles of
// span (at most 64 groups) that have a bit set, for as many whole groups
// as it takes with the vector kernel, and how many doubles that is.
func nonzeroGroupsVector(span []float64) (uint64, int) {
	groups := len(span) / 8
	if !hasAVX512 || groups == 0 {
		return 0, 0
	}
	var word uint64
	nonzeroBits(&span[0], 0, 1, 8, groups, &word)
	return word, 8 * groups
}

// maskGroups is how many groups one call of nonzeroBits takes along a
// row: a chunk of panelWidth columns.
const maskGroups = panelWidth / 8

// nonzeroShare returns the share of the groups of eight columns of g's
// first rows (up to four) that hold a nonzero; g.Cols is a multiple of 8.
func nonzeroShare(g blas64.General) float64 {
	var masks [4]uint64
	rows, groups := min(g.Rows, len(masks)), g.Cols/8
	if rows == 0 || groups == 0 {
		return 1
	}
	nonzero := 0
	for q := 0; q < groups; q += maskGroups {
		nonzeroBits(&g.Data[8*q], g.Stride, rows, 8, min(maskGroups, groups-q), &masks[0])
		for _, m := range masks[:rows] {
			nonzero += bits.OnesCount64(m)
		}
	}
	return float64(nonzero) / float64(rows*groups)
}

// ntSparseTiles is ntTiles over every chunk of a's k columns, k a
// multiple of 8, with the zero groups of eight columns of each row of a
// left out: each row meets up to sixteen rows of b at a time (sixteen
// columns of c), read where they are. The groups come from nz, a's map,
// when it has one, else from a search. With cleared set, c was set to +0
// (beta 0), and a chunk whose rows are all zero is skipped: it would add
// +0 or −0 to sums that are never −0, which changes nothing.
func ntSparseTiles(c blas64.General, alpha float64, a, b blas64.General, m, n, k int, cleared bool, nz groupRows) {
	var masks [ntRowsInL2]uint64
	for k0 := 0; k0 < k; k0 += panelWidth {
		groups := min(panelWidth, k-k0) / 8
		for i0 := 0; i0 < m; i0 += len(masks) {
			rn := min(len(masks), m-i0)
			x := &a.Data[i0*a.Stride+k0]
			if nz.bits != nil {
				nz.chunks(masks[:rn], i0, k0)
			} else {
				nonzeroBits(x, a.Stride, rn, 8, groups, &masks[0])
			}
			if cleared && allZero(masks[:rn]) {
				continue
			}
			for j := 0; j < n; j += ntSparseNeurons {
				ntSparse(min(ntSparseNeurons, n-j), &c.Data[i0*c.Stride+j], c.Stride, x, a.Stride, &b.Data[j*b.Stride+k0], b.Stride, &masks[0], rn, alpha)
			}
		}
	}
}

// ntSparseBytesTiles is ntSparseTiles on a of bytes divided by 255, with
// nz its map: the kernels take a block's rows as pointers, wherever the
// rows are.
func ntSparseBytesTiles(c blas64.General, alpha float64, a ScaledBytes, b blas64.General, m, n, k int, cleared bool, nz groupRows) {
	var (
		masks [ntRowsInL2]uint64
		rows  [ntRowsInL2]*byte
	)
	for i0 := 0; i0 < m; i0 += len(rows) {
		rn := min(len(rows), m-i0)
		for r := range rn {
			rows[r] = &a.Data[a.offset(i0+r)]
		}
		for k0 := 0; k0 < k; k0 += panelWidth {
			nz.chunks(masks[:rn], i0, k0)
			if cleared && allZero(masks[:rn]) {
				continue
			}
			for j := 0; j < n; j += ntSparseNeurons {
				ntSparseBytes(min(ntSparseNeurons, n-j), &c.Data[i0*c.Stride+j], c.Stride, &rows[0], k0, &b.Data[j*b.Stride+k0], b.Stride, &masks[0], rn, alpha)
			}
		}
	}
}

// allZero reports whether every mask is 0.
func allZero(masks []uint64) bool {
	var any uint64
	for _, m := range masks {
		any |= m
	}
	return any == 0
}

// Blocking of tnSparseTiles: the samples whose group of eight columns
// holds a nonzero are bits of one uint64, for up to tnSparseGroups groups
// of columns at a time.
const (
	tnSparseSamples = 64
	tnSparseGroups  = 128
)

// tnSparseTiles is tnTiles with the zero groups of eight columns of each
// row of b left out: c, m×n with n a multiple of 8, gains alpha·aᵀ·b, a
// and b having k rows, each element summed over the rows in order. The
// groups come from nz, b's map, when it has one, else from a search.
func tnSparseTiles(c blas64.General, alpha float64, a, b blas64.General, m, k int, nz groupRows) {
	var (
		samples [tnSparseGroups]uint64
		coef    [tnSparseSamples * tnSparseRows]float64
	)
	n := c.Cols
	for j0 := 0; j0 < n; j0 += 8 * tnSparseGroups {
		groups := min(8*tnSparseGroups, n-j0) / 8
		for l0 := 0; l0 < k; l0 += tnSparseSamples {
			ln := min(tnSparseSamples, k-l0)
			x := &b.Data[l0*b.Stride+j0]
			if nz.bits != nil {
				nz.samples(samples[:groups], l0, ln, j0/8)
			} else {
				nonzeroBits(x, 8, groups, b.Stride, ln, &samples[0])
			}
			for r0 := 0; r0 < m; r0 += tnSparseRows {
				rows := min(tnSparseRows, m-r0)
				scaleCoefficients(coef[:], alpha, a, l0, ln, r0, rows)
				tnSparse(rows, &c.Data[r0*c.Stride+j0], c.Stride, x, b.Stride, &coef[0], &samples[0], groups)
			}
		}
	}
}

// tnSparseBytesTiles is tnSparseTiles on b of bytes divided by 255, with
// nz its map: the kernels take a block's rows as pointers, wherever the
// rows are.
func tnSparseBytesTiles(c blas64.General, alpha float64, a blas64.General, b ScaledBytes, m, k int, nz groupRows) {
	var (
		samples [tnSparseGroups]uint64
		coef    [tnSparseSamples * tnSparseRows]float64
		x       [tnSparseSamples]*byte
	)
	n := c.Cols
	for l0 := 0; l0 < k; l0 += tnSparseSamples {
		ln := min(tnSparseSamples, k-l0)
		for l := range ln {
			x[l] = &b.Data[b.offset(l0+l)]
		}
		for j0 := 0; j0 < n; j0 += 8 * tnSparseGroups {
			groups := min(8*tnSparseGroups, n-j0) / 8
			nz.samples(samples[:groups], l0, ln, j0/8)
			for r0 := 0; r0 < m; r0 += tnSparseRows {
				rows := min(tnSparseRows, m-r0)
				scaleCoefficients(coef[:], alpha, a, l0, ln, r0, rows)
				tnSparseBytes(rows, &c.Data[r0*c.Stride+j0], c.Stride, &x[0], j0, &coef[0], &samples[0], groups)
			}
		}
	}
}

// scaleCoefficients sets coef to alpha times the rows·ln elements of a
// from row l0 and column r0 on, rows coefficients per row of a: a
// tnSparse kernel's coefficients.
func scaleCoefficients(coef []float64, alpha float64, a blas64.General, l0, ln, r0, rows int) {
	for l := range ln {
		row := a.Data[(l0+l)*a.Stride+r0 : (l0+l)*a.Stride+r0+rows]
		dst := coef[l*rows : l*rows+len(row)]
		for r, v := range row {
			dst[r] = alpha * v
		}
	}
}

// byteKernels reports whether the sparse kernels read bytes scaled by s
// as they are, in a product with the given number of neurons: with
// AVX-512's byte and quadword instructions, a divisor of 255, and neurons
// that one kernel call takes. A kernel turns each group of bytes it loads
// into doubles, three more instructions for its sixteen or fewer fused
// multiply-adds; a wider product that did so in every call took longer
// than expanding the bytes once ([784, 800, 10] at batch 100: 920 →
// 1058 ms an epoch, shards of 399 and 401 neurons).
func byteKernels(s *ByteScale, neurons int) bool {
	return hasAVX512BWDQ && tiled() && !denseOnly && s.repeat && neurons <= ntSparseNeurons
}
