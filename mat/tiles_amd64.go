//go:build !purego

package mat

import "gonum.org/v1/gonum/blas/blas64"

// The tile kernels of tuned_amd64.s, AVX-512 only. ntTile{S} adds
// alpha·x_s·w_tᵀ to c[s][t] for S rows x_s of x and the eight rows w_t
// whose pointers w holds, n columns of each (a multiple of 8) and then
// tails more, which tail holds transposed, on the columns t of c that
// mask selects. tnTile{R} adds Σ_l coef[l][r]·x_l to 48 columns of R rows
// of c, over k rows x_l of x, for tiles tiles one below the other; its
// Masked form touches only the columns whose bits mask sets. See
// internal/asmgen/tiles.go.

//go:noescape
func ntTile1(c *float64, ldc int, x *float64, ldx int, w *[8]*float64, n int, alpha float64, mask uint64, tail *float64, tails int)

//go:noescape
func ntTile2(c *float64, ldc int, x *float64, ldx int, w *[8]*float64, n int, alpha float64, mask uint64, tail *float64, tails int)

//go:noescape
func ntTile3(c *float64, ldc int, x *float64, ldx int, w *[8]*float64, n int, alpha float64, mask uint64, tail *float64, tails int)

//go:noescape
func tnTile1(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile2(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile3(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile4(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile1Masked(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile2Masked(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile3Masked(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

//go:noescape
func tnTile4Masked(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)

// Up to ntRowsInL2 rows of a chunk of a (512 KiB) stay in the L2 cache
// while every group of rows of b meets them in turn, b streaming once.
// More rows are taken in blocks of ntRowBlock (96 KiB), and b passes once
// a block: for a large batch it is the smaller.
const (
	ntRowsInL2 = 256
	ntRowBlock = 48
)

// ntTiles adds alpha·a·bᵀ to c, m×n, for the kn columns of a and b from
// k0: each group of eight rows of b (eight columns of c, the last group
// repeating its last row) stays in the L1 cache while the rows of a, or a
// block of them, meet it three at a time. The last kn%8 columns are
// summed after the rest, one at a time, as the panels sum them.
func ntTiles(c blas64.General, alpha float64, a, b blas64.General, m, n, k0, kn int) {
	var (
		w    [8]*float64
		tail [7 * 8]float64
	)
	kn8, tails := kn-kn%8, kn%8
	block := ntRowBlock
	if m <= ntRowsInL2 {
		block = m
	}
	for i0 := 0; i0 < m; i0 += block {
		i1 := min(i0+block, m)
		if m-i1 < 3 {
			// A last block of one or two rows would make poor tiles.
			i1 = m
		}
		for j := 0; j < n; j += 8 {
			cols := min(8, n-j)
			for t := range w {
				row := b.Data[(j+min(t, cols-1))*b.Stride+k0:]
				w[t] = &row[0]
				for l := range tails {
					tail[8*l+t] = row[kn8+l]
				}
			}
			mask := uint64(1)<<cols - 1
			for i := i0; i < i1; {
				s := ntTileHeight(i1 - i)
				ci, xi := &c.Data[i*c.Stride+j], &a.Data[i*a.Stride+k0]
				switch s {
				case 1:
					ntTile1(ci, c.Stride, xi, a.Stride, &w, kn8, alpha, mask, &tail[0], tails)
				case 2:
					ntTile2(ci, c.Stride, xi, a.Stride, &w, kn8, alpha, mask, &tail[0], tails)
				default:
					ntTile3(ci, c.Stride, xi, a.Stride, &w, kn8, alpha, mask, &tail[0], tails)
				}
				i += s
			}
		}
		i0 = i1 - block
	}
}

// ntTileHeight returns how many of the rows left the next tile takes:
// three, or two and two for the last four.
func ntTileHeight(left int) int {
	if left == 4 {
		return 2
	}
	return min(3, left)
}

// Blocking of tnTiles: the coefficients alpha·a[l][i] of tnRowGroup rows
// of c and tnRowBlock rows of b are laid out once for every 48 columns.
const (
	tnRowBlock = TunedGradientBlock
	tnRowGroup = 16
	tnTileCols = 48
)

// tnTiles adds alpha·aᵀ·b to c, m×n, a and b having k rows: tiles of four
// rows of c by 48 columns, each summing a block of rows of b in order, a
// group of tiles below one another at a call. The panels pad their last
// panel with zero rows, which turns a −0 in c into +0; so does the last
// block of tiles.
func tnTiles(c blas64.General, alpha float64, a, b blas64.General, m, k int) {
	var coef [tnRowGroup / 4 * tnRowBlock][4]float64
	n := c.Cols
	pad := k%8 != 0 && k%8 != 4
	for l0 := 0; l0 < k; l0 += tnRowBlock {
		ln := min(tnRowBlock, k-l0)
		last := pad && l0+ln == k
		for r0 := 0; r0 < m; r0 += tnRowGroup {
			rn := min(tnRowGroup, m-r0)
			for q := 0; q < rn; q += 4 {
				block := coef[q/4*tnRowBlock : q/4*tnRowBlock+ln]
				for l := range block {
					row := a.Data[(l0+l)*a.Stride+r0+q:]
					if q+4 <= rn {
						row := row[:4]
						block[l] = [4]float64{alpha * row[0], alpha * row[1], alpha * row[2], alpha * row[3]}
						continue
					}
					for i, v := range row[:rn-q] {
						block[l][i] = alpha * v
					}
				}
			}
			full, rest := rn/4, rn%4
			for j := 0; j < n; j += tnTileCols {
				cols := min(tnTileCols, n-j)
				mask := uint64(1)<<cols - 1
				x := &b.Data[l0*b.Stride+j]
				if full > 0 {
					tnTile(&c.Data[r0*c.Stride+j], c.Stride, x, b.Stride, &coef[0], ln, 4, full, cols, mask, last)
				}
				if rest > 0 {
					r := r0 + 4*full
					tnTile(&c.Data[r*c.Stride+j], c.Stride, x, b.Stride, &coef[full*tnRowBlock], ln, rest, 1, cols, mask, last)
				}
			}
		}
	}
}

// tnTile calls the tile kernel for tiles tiles of rows rows of c, one
// below the other, and cols columns.
func tnTile(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k, rows, tiles, cols int, mask uint64, pad bool) {
	if cols == tnTileCols {
		switch rows {
		case 1:
			tnTile1(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
		case 2:
			tnTile2(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
		case 3:
			tnTile3(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
		default:
			tnTile4(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
		}
		return
	}
	switch rows {
	case 1:
		tnTile1Masked(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
	case 2:
		tnTile2Masked(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
	case 3:
		tnTile3Masked(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
	default:
		tnTile4Masked(c, ldc, x, ldx, coef, k, mask, tiles, tnRowBlock, pad)
	}
}

//go:noescape
func nnTile1(c *float64, ldc int, a *float64, lda int, b *float64, ldb int, k int, alpha float64, mask uint64)

//go:noescape
func nnTile2(c *float64, ldc int, a *float64, lda int, b *float64, ldb int, k int, alpha float64, mask uint64)

//go:noescape
func nnTile3(c *float64, ldc int, a *float64, lda int, b *float64, ldb int, k int, alpha float64, mask uint64)

//go:noescape
func nnTile4(c *float64, ldc int, a *float64, lda int, b *float64, ldb int, k int, alpha float64, mask uint64)

// nnTileCols is how many columns of c an a·b tile holds.
const nnTileCols = 40

// nnTiles adds alpha·a·b to c, m×n, a having k columns, exactly as gonum
// does (see mulNN): tiles of four rows of c by 40 columns.
func nnTiles(c blas64.General, alpha float64, a, b blas64.General, m, n, k int) {
	for i := 0; i < m; i += 4 {
		rows := min(4, m-i)
		for j := 0; j < n; j += nnTileCols {
			mask := uint64(1)<<min(nnTileCols, n-j) - 1
			ci, ai, bj := &c.Data[i*c.Stride+j], &a.Data[i*a.Stride], &b.Data[j]
			switch rows {
			case 1:
				nnTile1(ci, c.Stride, ai, a.Stride, bj, b.Stride, k, alpha, mask)
			case 2:
				nnTile2(ci, c.Stride, ai, a.Stride, bj, b.Stride, k, alpha, mask)
			case 3:
				nnTile3(ci, c.Stride, ai, a.Stride, bj, b.Stride, k, alpha, mask)
			default:
				nnTile4(ci, c.Stride, ai, a.Stride, bj, b.Stride, k, alpha, mask)
			}
		}
	}
}
