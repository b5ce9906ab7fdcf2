package main

import (
	"bytes"
	"fmt"
)

// The tile kernels are AVX-512 only. They compute a tile of the
// destination that lives in registers from start to end, so that no
// element is loaded, summed across lanes or stored more often than its
// sum needs, and they do every element's arithmetic in exactly the order
// of the panel kernels above: the results are the same, bit for bit.

// ntTileRows are the heights of the a·bᵀ tiles: up to three rows of a
// (samples) against eight rows of b (neurons).
var ntTileRows = []int{1, 2, 3}

// ntTile writes ntTile{S}, which adds alpha·Σ_k x_s[k]·w_t[k] to c[s][t]
// for s < S and the lanes t that mask selects, x_s being the rows of x
// (ldx apart) and w_t the eight rows whose pointers w holds, over the n
// doubles of the rows and then the tails doubles after them. Each element
// has one accumulator of eight lanes over the n, a multiple of 8, summed
// by the same tree as reduce (lanes l and l+4, then l and l+2, then l and
// l+1), eight elements at a time: the tree's three steps are done for
// eight registers at once by shuffling them together, which leaves the
// eight sums of a row of the tile in one register, in order. The tail
// doubles are then added in one at a time, as the panels' scalar loop
// adds them, from tail, which holds them transposed (eight doubles, one a
// row w_t, for each); and the register is added to c with one vector
// operation.
//
//	func ntTile{S}(c *float64, ldc int, x *float64, ldx int, w *[8]*float64, n int, alpha float64, mask uint64, tail *float64, tails int)
func ntTile(b *bytes.Buffer, rows int) {
	name := fmt.Sprintf("ntTile%d", rows)
	acc := func(s, t int) int { return 8*s + t }
	xReg := func(s int) int { return 24 + s }
	const tmp, t1, t2 = 27, 28, 29
	declare(b, name, "c *float64, ldc int, x *float64, ldx int, w *[8]*float64, n int, alpha float64, mask uint64, tail *float64, tails int", "", 80)
	p(b, "MOVQ x+16(FP), SI")
	p(b, "MOVQ ldx+24(FP), DX")
	p(b, "SHLQ $3, DX")
	for s := 1; s < rows; s++ {
		p(b, "LEAQ (%s)(DX*1), %s", vecRegs[s-1], vecRegs[s])
	}
	p(b, "MOVQ w+32(FP), DX")
	for t := range 8 {
		p(b, "MOVQ %d(DX), %s", 8*t, rowRegs[t])
	}
	p(b, "MOVQ n+40(FP), CX")
	p(b, "XORQ AX, AX")
	zero(b, "Z", 8*rows)
	p(b, "TESTQ CX, CX")
	p(b, "JEQ summed")
	fmt.Fprintf(b, "vector:\n")
	for s := range rows {
		p(b, "VMOVUPD (%s)(AX*8), Z%d", vecRegs[s], xReg(s))
	}
	for t := range 8 {
		p(b, "VMOVUPD (%s)(AX*8), Z%d", rowRegs[t], tmp)
		for s := range rows {
			p(b, "VFMADD231PD Z%d, Z%d, Z%d", tmp, xReg(s), acc(s, t))
		}
	}
	p(b, "ADDQ $8, AX")
	p(b, "CMPQ AX, CX")
	p(b, "JLT vector")
	fmt.Fprintf(b, "summed:\n")
	for s := range rows {
		tree(b, func(t int) int { return acc(s, t) }, t1, t2)
	}
	// AX is n: the tail's doubles follow.
	p(b, "MOVQ tail+64(FP), DI")
	p(b, "MOVQ tails+72(FP), DX")
	p(b, "TESTQ DX, DX")
	p(b, "JEQ tailDone")
	fmt.Fprintf(b, "tail:\n")
	p(b, "VMOVUPD (DI), Z%d", tmp)
	for s := range rows {
		p(b, "VBROADCASTSD (%s)(AX*8), Z%d", vecRegs[s], t1)
		p(b, "VFMADD231PD Z%d, Z%d, Z%d", tmp, t1, acc(s, 0))
	}
	p(b, "ADDQ $64, DI")
	p(b, "INCQ AX")
	p(b, "DECQ DX")
	p(b, "JNE tail")
	fmt.Fprintf(b, "tailDone:\n")
	p(b, "MOVQ c+0(FP), DX")
	p(b, "MOVQ ldc+8(FP), CX")
	p(b, "SHLQ $3, CX")
	p(b, "VBROADCASTSD alpha+48(FP), Z%d", tmp)
	p(b, "MOVQ mask+56(FP), AX")
	p(b, "KMOVW AX, K1")
	for s := range rows {
		p(b, "VMOVUPD.Z (DX), K1, Z%d", t1)
		p(b, "VMULPD Z%d, Z%d, Z%d", tmp, acc(s, 0), acc(s, 0))
		p(b, "VADDPD Z%d, Z%d, Z%d", acc(s, 0), t1, t1)
		p(b, "VMOVUPD Z%d, K1, (DX)", t1)
		if s < rows-1 {
			p(b, "ADDQ CX, DX")
		}
	}
	ret(b)
}

// tree sums the lanes of the eight registers acc(0), …, acc(7) by the
// tree of reduce (lanes l and l+4, then l and l+2, then l and l+1), all
// eight at once, leaving the sum of acc(t) in lane t of acc(0); t1 and t2
// are scratch. The tree's first step pairs lanes l and l+4 of two
// registers, the second l and l+2, the third l and l+1; the registers
// enter in the order that leaves element t in lane t.
func tree(b *bytes.Buffer, acc func(t int) int, t1, t2 int) {
	pair := func(imm1, imm2, x, y int) {
		p(b, "VSHUFF64X2 $0x%02X, Z%d, Z%d, Z%d", imm1, y, x, t1)
		p(b, "VSHUFF64X2 $0x%02X, Z%d, Z%d, Z%d", imm2, y, x, t2)
		p(b, "VADDPD Z%d, Z%d, Z%d", t2, t1, x)
	}
	for _, pr := range [][2]int{{0, 2}, {4, 6}, {1, 3}, {5, 7}} {
		pair(0x44, 0xEE, acc(pr[0]), acc(pr[1]))
	}
	pair(0x88, 0xDD, acc(0), acc(4))
	pair(0x88, 0xDD, acc(1), acc(5))
	p(b, "VUNPCKLPD Z%d, Z%d, Z%d", acc(1), acc(0), t1)
	p(b, "VUNPCKHPD Z%d, Z%d, Z%d", acc(1), acc(0), t2)
	p(b, "VADDPD Z%d, Z%d, Z%d", t2, t1, acc(0))
}

// loadMasks sets K1, K2, … to the masks of vectors registers of a tile:
// eight bits each of the argument mask, from its lowest.
func loadMasks(b *bytes.Buffer, mask string, vectors int) {
	p(b, "MOVQ %s, AX", mask)
	for v := range vectors {
		p(b, "KMOVW AX, K%d", v+1)
		if v < vectors-1 {
			p(b, "SHRQ $8, AX")
		}
	}
}

// tnTileRows are the heights of the aᵀ·b tiles: up to four rows of c
// (neurons), each six registers (48 columns) wide.
var tnTileRows = []int{1, 2, 3, 4}

const tnTileVectors = 6

// tnTile writes tnTile{R} and, with masked, tnTile{R}Masked, which set
// c_r[j] += Σ_l coef[l][r]·x_l[j] for r < R and j < 48, coef holding four
// coefficients per l and x_l being the k rows of x, ldx apart; and then do
// the same for the next tiles−1 tiles of R rows below, whose coefficients
// start coefStride l's further on each. Each element of c stays in a
// register through the whole sum, taken over l in order with one fused
// multiply-add each, as axpy3 takes it. With pad set a tile finally adds
// +0, which is what the panel kernels' zero rows do to a −0. The masked
// form reads and writes only the columns whose bits are set in mask, eight
// per register.
//
//	func tnTile{R}(c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool)
func tnTile(b *bytes.Buffer, rows int, masked bool) {
	name := fmt.Sprintf("tnTile%d", rows)
	if masked {
		name += "Masked"
	}
	acc := func(r, v int) int { return tnTileVectors*r + v }
	xReg := func(v int) int { return 24 + v }
	const coefReg, zeroReg = 30, 31
	cRows := []string{"R9", "R10", "R11", "R12"}
	// mask(v) is the masking of vector v, ", K{v+1}" in masked tiles.
	mask := func(v int) string {
		if masked {
			return fmt.Sprintf(", K%d", v+1)
		}
		return ""
	}
	load := "VMOVUPD"
	if masked {
		load = "VMOVUPD.Z"
	}
	declare(b, name, "c *float64, ldc int, x *float64, ldx int, coef *[4]float64, k int, mask uint64, tiles, coefStride int, pad bool", "", 73)
	if masked {
		loadMasks(b, "mask+48(FP)", tnTileVectors)
	}
	// R9: the tile's first row of c; R13: ldc in bytes; DI: x; BX: ldx in
	// bytes; R8: the tile's coefficients; R14: coefStride in bytes; R15:
	// tiles left.
	p(b, "MOVQ c+0(FP), %s", cRows[0])
	p(b, "MOVQ ldc+8(FP), R13")
	p(b, "SHLQ $3, R13")
	p(b, "MOVQ x+16(FP), DI")
	p(b, "MOVQ ldx+24(FP), BX")
	p(b, "SHLQ $3, BX")
	p(b, "MOVQ coef+32(FP), R8")
	p(b, "MOVQ coefStride+64(FP), R14")
	p(b, "SHLQ $5, R14")
	p(b, "MOVQ tiles+56(FP), R15")
	p(b, "VXORPD Z%d, Z%d, Z%d", zeroReg, zeroReg, zeroReg)
	fmt.Fprintf(b, "tile:\n")
	for r := 1; r < rows; r++ {
		p(b, "LEAQ (%s)(R13*1), %s", cRows[r-1], cRows[r])
	}
	for r := range rows {
		for v := range tnTileVectors {
			p(b, "%s %d(%s)%s, Z%d", load, 64*v, cRows[r], mask(v), acc(r, v))
		}
	}
	p(b, "MOVQ DI, SI")
	p(b, "MOVQ R8, DX")
	p(b, "MOVQ k+40(FP), CX")
	p(b, "TESTQ CX, CX")
	p(b, "JEQ summed")
	fmt.Fprintf(b, "sum:\n")
	for v := range tnTileVectors {
		p(b, "%s %d(SI)%s, Z%d", load, 64*v, mask(v), xReg(v))
	}
	for r := range rows {
		p(b, "VBROADCASTSD %d(DX), Z%d", 8*r, coefReg)
		for v := range tnTileVectors {
			p(b, "VFMADD231PD Z%d, Z%d, Z%d", xReg(v), coefReg, acc(r, v))
		}
	}
	p(b, "ADDQ BX, SI")
	p(b, "ADDQ $32, DX")
	p(b, "DECQ CX")
	p(b, "JNE sum")
	fmt.Fprintf(b, "summed:\n")
	p(b, "MOVBLZX pad+72(FP), AX")
	p(b, "TESTQ AX, AX")
	p(b, "JEQ store")
	for r := range rows {
		for v := range tnTileVectors {
			p(b, "VADDPD Z%d, Z%d, Z%d", zeroReg, acc(r, v), acc(r, v))
		}
	}
	fmt.Fprintf(b, "store:\n")
	for r := range rows {
		for v := range tnTileVectors {
			p(b, "VMOVUPD Z%d%s, %d(%s)", acc(r, v), mask(v), 64*v, cRows[r])
		}
	}
	// The next tile: its first row follows this one's last.
	p(b, "LEAQ (%s)(R13*1), %s", cRows[rows-1], cRows[0])
	p(b, "ADDQ R14, R8")
	p(b, "DECQ R15")
	p(b, "JNE tile")
	ret(b)
}

// nnTileRows are the heights of the a·b tiles: up to four rows of c, each
// five registers (40 columns) wide.
var nnTileRows = []int{1, 2, 3, 4}

const nnTileVectors = 5

// nnTile writes nnTile{R}, which sets c_r[j] += (alpha·a_r[l])·b_l[j] for
// r < R, every l < k in order, and the columns j whose bits mask sets (up
// to 40), a_r being the rows of a (lda apart) and b_l those of b (ldb
// apart). It is gonum's a·b, element for element: the coefficient rounded,
// then the product, then the sum, with no fused multiply-add, and a row l
// skipped where the coefficient is zero (compared as gonum compares it, so
// that a NaN coefficient is not skipped).
//
//	func nnTile{R}(c *float64, ldc int, a *float64, lda int, b *float64, ldb int, k int, alpha float64, mask uint64)
func nnTile(b *bytes.Buffer, rows int) {
	name := fmt.Sprintf("nnTile%d", rows)
	acc := func(r, v int) int { return nnTileVectors*r + v }
	bReg := func(v int) int { return 20 + v }
	const coefReg, prodReg, alphaReg, zeroReg = 25, 26, 27, 28
	cRows := []string{"R12", "R13", "R14", "R15"}
	aRows := []string{"R8", "R9", "R10", "R11"}
	declare(b, name, "c *float64, ldc int, a *float64, lda int, b *float64, ldb int, k int, alpha float64, mask uint64", "", 72)
	loadMasks(b, "mask+64(FP)", nnTileVectors)
	p(b, "MOVQ c+0(FP), %s", cRows[0])
	p(b, "MOVQ ldc+8(FP), AX")
	p(b, "SHLQ $3, AX")
	p(b, "MOVQ a+16(FP), %s", aRows[0])
	p(b, "MOVQ lda+24(FP), DX")
	p(b, "SHLQ $3, DX")
	for r := 1; r < rows; r++ {
		p(b, "LEAQ (%s)(AX*1), %s", cRows[r-1], cRows[r])
		p(b, "LEAQ (%s)(DX*1), %s", aRows[r-1], aRows[r])
	}
	for r := range rows {
		for v := range nnTileVectors {
			p(b, "VMOVUPD.Z %d(%s), K%d, Z%d", 64*v, cRows[r], v+1, acc(r, v))
		}
	}
	p(b, "MOVQ b+32(FP), SI")
	p(b, "MOVQ ldb+40(FP), BX")
	p(b, "SHLQ $3, BX")
	p(b, "MOVQ k+48(FP), CX")
	p(b, "VBROADCASTSD alpha+56(FP), Z%d", alphaReg)
	p(b, "VXORPD Z%d, Z%d, Z%d", zeroReg, zeroReg, zeroReg)
	p(b, "XORQ AX, AX")
	p(b, "TESTQ CX, CX")
	p(b, "JEQ summed")
	fmt.Fprintf(b, "sum:\n")
	for v := range nnTileVectors {
		p(b, "VMOVUPD.Z %d(SI), K%d, Z%d", 64*v, v+1, bReg(v))
	}
	for r := range rows {
		p(b, "VBROADCASTSD (%s)(AX*8), Z%d", aRows[r], coefReg)
		p(b, "VMULPD Z%d, Z%d, Z%d", coefReg, alphaReg, coefReg)
		// K7: the coefficient is not zero (NEQ_UQ, true for a NaN).
		p(b, "VCMPPD $4, Z%d, Z%d, K7", zeroReg, coefReg)
		for v := range nnTileVectors {
			p(b, "VMULPD Z%d, Z%d, Z%d", bReg(v), coefReg, prodReg)
			p(b, "VADDPD Z%d, Z%d, K7, Z%d", prodReg, acc(r, v), acc(r, v))
		}
	}
	p(b, "ADDQ BX, SI")
	p(b, "INCQ AX")
	p(b, "CMPQ AX, CX")
	p(b, "JLT sum")
	fmt.Fprintf(b, "summed:\n")
	for r := range rows {
		for v := range nnTileVectors {
			p(b, "VMOVUPD Z%d, K%d, %d(%s)", acc(r, v), v+1, 64*v, cRows[r])
		}
	}
	ret(b)
}
