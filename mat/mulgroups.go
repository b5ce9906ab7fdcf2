package mat

import (
	"fmt"
	"math/bits"
)

// MulABT sets c = alpha·a·bᵀ + beta·c as Dgemm does (the forward pass,
// one sample per row of a), with nz the map of a's zeros, or nil: with
// AVX-512 the sparse kernels then read the groups that may hold a nonzero
// from nz instead of searching a for them. The results are the same, bit
// for bit, as Dgemm's, but for the exceptions [Tuned] states (the sign of
// a zero sum, and the NaN an infinite or NaN weight would have made of a
// group it leaves out). With beta == 0 c is not read, and an empty c is
// sized for you. It panics if the shapes do not fit, or nz is not a's size.
func (t Tuned) MulABT(c *Dense, alpha float64, a *Dense, nz *NonzeroGroups, b *Dense, beta float64) {
	t.mulGroups("MulABT", c, alpha, false, a, true, b, nz, beta)
}

// MulATB sets c = alpha·aᵀ·b + beta·c as Dgemm does (the weight gradient,
// a and b one sample per row), with nz the map of b's zeros, or nil; see
// MulABT.
func (t Tuned) MulATB(c *Dense, alpha float64, a, b *Dense, nz *NonzeroGroups, beta float64) {
	t.mulGroups("MulATB", c, alpha, true, a, false, b, nz, beta)
}

// mulGroups is MulABT and MulATB, nz mapping the operand with the zeros:
// a in a·bᵀ, b in aᵀ·b.
func (t Tuned) mulGroups(routine string, c *Dense, alpha float64, transA bool, a *Dense, transB bool, b *Dense, nz *NonzeroGroups, beta float64) {
	m, n, k := mulShape(c, transA, a, transB, b, beta)
	ar, br, cr := a.RawMatrix(), b.RawMatrix(), c.RawMatrix()
	g := gemmArgs{transpose(transA), transpose(transB), m, n, k, alpha, ar.Data, ar.Stride, br.Data, br.Stride, beta, cr.Data, cr.Stride, groupRows{}}
	if nz != nil {
		mapped := ar
		if transA {
			mapped = br
		}
		if nz.rows != mapped.Rows || nz.cols != mapped.Cols {
			panic(fmt.Sprintf("mat: Tuned.%s: the map is %d×%d, the matrix %d×%d", routine, nz.rows, nz.cols, mapped.Rows, mapped.Cols))
		}
		g.nz = groupRows{bits: nz.bits, words: nz.words}
	}
	t.gemm(&g)
}

// groupRows is the part of a map a product reads, its rows from the
// first one of a strip on; no map (nil bits) has the kernels search.
type groupRows struct {
	bits  []uint64
	words int
}

// from returns the map from row i on.
func (r groupRows) from(i int) groupRows {
	if r.bits == nil {
		return r
	}
	return groupRows{bits: r.bits[i*r.words:], words: r.words}
}

// share returns the share of the groups of the first rows (up to four) of
// a map of rows×cols whose bits are set.
func (r groupRows) share(rows, cols int) float64 {
	rows, groups := min(rows, 4), (cols+7)/8
	if rows == 0 || groups == 0 {
		return 1
	}
	set := 0
	for _, w := range r.bits[:rows*r.words] {
		set += bits.OnesCount64(w)
	}
	return float64(set) / float64(rows*groups)
}

// chunk returns the bits of row i's groups in the chunk of panelWidth
// columns from column k0 on, a multiple of panelWidth.
func (r groupRows) chunk(i, k0 int) uint64 {
	const chunkGroups = panelWidth / 8
	q := k0 / 8
	return r.bits[i*r.words+q/64] >> (q % 64) & (1<<chunkGroups - 1)
}

// chunks sets masks[r] to the bits of row i0+r's groups in the chunk of
// panelWidth columns from column k0 on, for every r.
func (r groupRows) chunks(masks []uint64, i0, k0 int) {
	for i := range masks {
		masks[i] = r.chunk(i0+i, k0)
	}
}

// samples sets bit l of byGroup[q] when group q0+q of row l0+l may hold a
// nonzero, for the ln ≤ 64 rows from l0 on: the map turned by group, for
// a block of samples of the weight gradient. q0 is a multiple of 64.
func (r groupRows) samples(byGroup []uint64, l0, ln, q0 int) {
	if ln <= fewSamples {
		r.samplesInBlocks(byGroup, l0, ln, q0)
		return
	}
	var block [64]uint64
	for q := 0; q < len(byGroup); q += 64 {
		w := (q0 + q) / 64
		for l := range ln {
			block[l] = r.bits[(l0+l)*r.words+w]
		}
		clear(block[ln:])
		transpose64(&block)
		copy(byGroup[q:], block[:])
	}
}

// fewSamples is the most rows samples turns eight at a time, as 8×8
// blocks of bits, instead of as one block of 64×64 bits whose rows past
// ln are zero: at batch 10 that took three times as long.
const fewSamples = 16

// samplesInBlocks is samples for ln ≤ fewSamples rows, in two blocks of
// eight rows. For each block and word of the map, it turns the 8×8 bytes around
// so that word b holds byte b of each row (groups 8b to 8b+7), then the
// 8×8 bits of each such word, whose byte j is then the eight rows' bits of
// group 8b+j.
func (r groupRows) samplesInBlocks(byGroup []uint64, l0, ln, q0 int) {
	for q := 0; q < len(byGroup); q += 64 {
		w := (q0 + q) / 64
		var lo, hi [8]uint64
		for i := range ln {
			word := r.bits[(l0+i)*r.words+w]
			if i < 8 {
				lo[i] = word
			} else {
				hi[i&7] = word
			}
		}
		transposeBytes(&lo)
		transposeBytes(&hi)
		var out [64]uint64
		for b := range 8 {
			l, h := transpose8(lo[b]), transpose8(hi[b])
			for j := range 8 {
				out[(8*b+j)&63] = l>>(8*j)&0xff | (h>>(8*j)&0xff)<<8
			}
		}
		copy(byGroup[q:], out[:])
	}
}

// transposeBytes turns the 8×8 bytes of m around the diagonal: byte j of
// m[i] trades places with byte i of m[j].
func transposeBytes(m *[8]uint64) {
	for i := range 4 {
		t := (m[i]>>32 ^ m[i+4]) & 0x00000000ffffffff
		m[i] ^= t << 32
		m[i+4] ^= t
	}
	for _, i := range [...]int{0, 1, 4, 5} {
		t := (m[i]>>16 ^ m[i+2]) & 0x0000ffff0000ffff
		m[i] ^= t << 16
		m[i+2] ^= t
	}
	for _, i := range [...]int{0, 2, 4, 6} {
		t := (m[i]>>8 ^ m[i+1]) & 0x00ff00ff00ff00ff
		m[i] ^= t << 8
		m[i+1] ^= t
	}
}

// transpose8 turns the 8×8 bits of x around the diagonal, byte i a row:
// bit j of byte i trades places with bit i of byte j.
func transpose8(x uint64) uint64 {
	t := (x ^ x>>7) & 0x00aa00aa00aa00aa
	x ^= t ^ t<<7
	t = (x ^ x>>14) & 0x0000cccc0000cccc
	x ^= t ^ t<<14
	t = (x ^ x>>28) & 0x00000000f0f0f0f0
	return x ^ t ^ t<<28
}

// transpose64 turns the 64×64 bits of m around the diagonal: bit j of
// m[i] trades places with bit i of m[j]. It swaps the off-diagonal blocks
// of 32×32 bits, then those of 16×16 bits within each block, and so on
// down to single bits: six rounds without a branch on the bits.
func transpose64(m *[64]uint64) {
	mask := uint64(0x00000000ffffffff)
	for j := uint(32); j != 0; j >>= 1 {
		// k runs over the indices whose bit j is clear; the masks of the
		// indices and shifts let the compiler drop its checks.
		for k := uint(0); k < 64; k = (k + j + 1) &^ j {
			lo, hi := &m[k&63], &m[(k+j)&63]
			t := (*lo>>(j&63) ^ *hi) & mask
			*hi ^= t
			*lo ^= t << (j & 63)
		}
		mask ^= mask << (j / 2)
	}
}
