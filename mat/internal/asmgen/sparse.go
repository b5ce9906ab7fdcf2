package main

import (
	"bytes"
	"fmt"
)

// The sparse kernels are the tile kernels' arithmetic with the groups of
// eight inputs that are all zero left out. A fused multiply-add of a zero
// leaves its accumulator as it was (but for the sign of a zero, and a NaN
// from an infinite factor), so the sums of the rest are the same, bit for
// bit: sparse inputs, such as the pixels of a digit on a blank page, cost
// only their groups that hold ink.

// generateSparse returns sparse_amd64.s.
func generateSparse() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	nonzeroBits(&b)
	byteGroups(&b)
	for _, in := range []input{doubles, byteRows} {
		for neurons := 1; neurons <= ntSparseNeurons; neurons++ {
			ntSparse(&b, neurons, in)
		}
		for rows := 1; rows <= tnSparseRows; rows++ {
			tnSparse(&b, rows, in)
		}
	}
	return b.Bytes()
}

// An input is how a sparse kernel reads its inputs x: doubles, rows ldx
// apart, or bytes, each row where its pointer in the array x points, from
// byte xoff on, divided by 255 as they are loaded (ByteScale's kernel).
// Compact data such as MNIST's pixels then need not be expanded to eight
// times their size first, nor a mini-batch's rows copied together.
type input struct {
	suffix string // of the kernels' names
	bytes  bool
}

var (
	doubles  = input{"", false}
	byteRows = input{"Bytes", true}
)

// The registers the byte kernels keep their constants in, free in both
// kernels.
const byteShuffle, byteScale = 30, 31

// setup writes what in's loads need, once.
func (in input) setup(b *bytes.Buffer) {
	if in.bytes {
		repeatConstants(b, byteShuffle, byteScale, 29)
	}
}

// load writes the instructions that set Z{reg} to the eight inputs at
// addr.
func (in input) load(b *bytes.Buffer, addr string, reg int) {
	if in.bytes {
		repeatBytes(b, addr, reg, byteShuffle, byteScale)
	} else {
		p(b, "VMOVUPD %s, Z%d", addr, reg)
	}
}

// nonzeroBits writes nonzeroBits, which sets bit i of bits[o] when the
// eight doubles at x + o·outerStride + i·innerStride (strides in doubles)
// are not all +0, that is, have a bit set (a −0 counts), for o < outer and
// i < inner ≤ 64: the groups of eight columns of each row that hold a
// nonzero (outerStride the rows' stride, innerStride 8), or the rows whose
// group holds one for each group (the other way round).
//
//	func nonzeroBits(x *float64, outerStride, outer, innerStride, inner int, bits *uint64)
func nonzeroBits(b *bytes.Buffer) {
	declare(b, "nonzeroBits", "x *float64, outerStride, outer, innerStride, inner int, bits *uint64", "", 48)
	p(b, "MOVQ x+0(FP), SI")
	p(b, "MOVQ outerStride+8(FP), DX")
	p(b, "SHLQ $3, DX")
	p(b, "MOVQ outer+16(FP), R8")
	p(b, "MOVQ innerStride+24(FP), R9")
	p(b, "SHLQ $3, R9")
	p(b, "MOVQ inner+32(FP), R10")
	p(b, "MOVQ bits+40(FP), DI")
	p(b, "TESTQ R8, R8")
	p(b, "JEQ done")
	p(b, "VPTERNLOGD $0xFF, Z31, Z31, Z31")
	// The items are taken from the last to the first, each shifting its
	// bit in at the bottom: CF is set by NEG when the lanes' mask is not 0.
	p(b, "MOVQ R10, R11")
	p(b, "DECQ R11")
	p(b, "IMULQ R9, R11")
	fmt.Fprintf(b, "outer:\n")
	p(b, "XORL AX, AX")
	p(b, "LEAQ (SI)(R11*1), BX")
	p(b, "MOVQ R10, CX")
	p(b, "TESTQ CX, CX")
	p(b, "JEQ stored")
	fmt.Fprintf(b, "inner:\n")
	p(b, "VPTESTMQ (BX), Z31, K1")
	p(b, "KMOVW K1, R12")
	p(b, "NEGL R12")
	p(b, "ADCQ AX, AX")
	p(b, "SUBQ R9, BX")
	p(b, "DECQ CX")
	p(b, "JNE inner")
	fmt.Fprintf(b, "stored:\n")
	p(b, "MOVQ AX, (DI)")
	p(b, "ADDQ $8, DI")
	p(b, "ADDQ DX, SI")
	p(b, "DECQ R8")
	p(b, "JNE outer")
	fmt.Fprintf(b, "done:\n")
	ret(b)
}

// byteGroups writes byteGroups, which returns a word whose bit g is set
// when the eight bytes x[8g:8g+8] are not all zero, for the 8·chunks ≤ 64
// groups of chunks 64-byte chunks: the groups of eight pixels of a compact
// image that hold ink, eight at a time. The chunks are taken from the
// last to the first, each shifting its eight bits in at the bottom.
//
//	func byteGroups(x *byte, chunks int) uint64
func byteGroups(b *bytes.Buffer) {
	declare(b, "byteGroups", "x *byte, chunks int", "uint64", 24)
	p(b, "MOVQ x+0(FP), SI")
	p(b, "MOVQ chunks+8(FP), CX")
	p(b, "XORL AX, AX")
	p(b, "TESTQ CX, CX")
	p(b, "JEQ done")
	p(b, "VPTERNLOGD $0xFF, Z31, Z31, Z31")
	p(b, "MOVQ CX, DX")
	p(b, "SHLQ $6, DX")
	p(b, "ADDQ DX, SI")
	fmt.Fprintf(b, "chunk:\n")
	p(b, "SUBQ $64, SI")
	p(b, "VPTESTMQ (SI), Z31, K1")
	p(b, "KMOVW K1, BX")
	p(b, "SHLQ $8, AX")
	p(b, "ORQ BX, AX")
	p(b, "DECQ CX")
	p(b, "JNE chunk")
	fmt.Fprintf(b, "done:\n")
	p(b, "MOVQ AX, ret+16(FP)")
	ret(b)
}

// ntSparseNeurons is the most rows of w an ntSparse kernel takes: two
// tiles of eight accumulators, which with the sample's group and ntTile's
// scratch leave the 32 registers room.
const ntSparseNeurons = 16

// ntSparse writes ntSparse{N}, ntTile1 on the groups of eight columns
// that masks selects, against N ≤ 16 rows of w: for each of rows rows of
// x (ldx apart), c[t] (ldc apart from row to row) gains
// alpha·Σ_k x[k]·w_t[k] for the rows w_t (ldw apart), t < N, the sum taken
// over the groups g whose bit is set in the row's element of masks, k in
// [8g, 8g+8). Each element has one accumulator of eight lanes, the groups
// in increasing order, summed by ntTile's tree, a tile of eight rows at a
// time (a tile's accumulators past row N stay zero, their lanes not
// stored). The rows are read where they are: for each group, four
// registers point at rows 0, 4, 8 and 12, and every row is one scaled
// index off one of them, so a chunk of w takes no copying however few
// rows of x meet it; the N rows share each load of x's group.
//
//	func ntSparse{N}(c *float64, ldc int, x *float64, ldx int, w *float64, ldw int, masks *uint64, rows int, alpha float64)
//
// ntSparseBytes{N} is the same on rows of bytes (byteRows): x points at
// rows pointers, and each row is read from byte xoff on.
func ntSparse(b *bytes.Buffer, neurons int, in input) {
	const xReg, cReg, alphaReg, t1, t2 = 16, 17, 27, 28, 29
	tiles := (neurons + 7) / 8
	// CX, R10, R11 and BX point at rows 0, 4, 8 and 12 of w at the
	// current group; R13 is ldw in bytes and R12 three times that.
	bases := [...]string{"CX", "R10", "R11", "BX"}
	addr := func(t int) string {
		return fmt.Sprintf([...]string{"(%s)", "(%s)(R13*1)", "(%s)(R13*2)", "(%s)(R12*1)"}[t%4], bases[t/4])
	}
	f := ntSparseFamily.ofInput(in)
	declare(b, fmt.Sprintf("%s%d", f.name, neurons), f.params, "", 72)
	in.setup(b)
	p(b, "MOVQ c+0(FP), DX")
	p(b, "MOVQ ldc+8(FP), R8")
	p(b, "SHLQ $3, R8")
	// SI points at the row of x; R9 is ldx in bytes, or the cursor of
	// the row pointers.
	if in.bytes {
		p(b, "MOVQ x+16(FP), R9")
	} else {
		p(b, "MOVQ x+16(FP), SI")
		p(b, "MOVQ ldx+24(FP), R9")
		p(b, "SHLQ $3, R9")
	}
	p(b, "MOVQ w+32(FP), DI")
	p(b, "MOVQ ldw+40(FP), R13")
	p(b, "SHLQ $3, R13")
	p(b, "LEAQ (R13)(R13*2), R12")
	p(b, "MOVQ masks+48(FP), R14")
	p(b, "MOVQ rows+56(FP), R15")
	p(b, "VBROADCASTSD alpha+64(FP), Z%d", alphaReg)
	// K1 selects the last tile's rows.
	p(b, "MOVQ $%d, AX", 1<<(neurons-8*(tiles-1))-1)
	p(b, "KMOVW AX, K1")
	p(b, "TESTQ R15, R15")
	p(b, "JEQ done")
	fmt.Fprintf(b, "row:\n")
	if in.bytes {
		p(b, "MOVQ (R9), SI")
		p(b, "ADDQ xoff+24(FP), SI")
	}
	zero(b, "Z", 8*tiles)
	p(b, "MOVQ (R14), AX")
	p(b, "TESTQ AX, AX")
	p(b, "JEQ summed")
	fmt.Fprintf(b, "group:\n")
	// BX: the group's offset in w, 64 bytes a group; in x as many, or 8.
	p(b, "BSFQ AX, BX")
	if in.bytes {
		in.load(b, "(SI)(BX*8)", xReg)
	}
	p(b, "SHLQ $6, BX")
	if !in.bytes {
		in.load(b, "(SI)(BX*1)", xReg)
	}
	p(b, "LEAQ (DI)(BX*1), CX")
	for q := 1; q < (neurons+3)/4; q++ {
		p(b, "LEAQ (%s)(R13*4), %s", bases[q-1], bases[q])
	}
	for t := range neurons {
		p(b, "VFMADD231PD %s, Z%d, Z%d", addr(t), xReg, t)
	}
	p(b, "LEAQ -1(AX), BX")
	p(b, "ANDQ BX, AX")
	p(b, "JNE group")
	fmt.Fprintf(b, "summed:\n")
	for u := range tiles {
		tree(b, func(t int) int { return 8*u + t }, t1, t2)
		if u < tiles-1 {
			p(b, "VMOVUPD %d(DX), Z%d", 64*u, cReg)
		} else {
			p(b, "VMOVUPD.Z %d(DX), K1, Z%d", 64*u, cReg)
		}
		p(b, "VMULPD Z%d, Z%d, Z%d", alphaReg, 8*u, 8*u)
		p(b, "VADDPD Z%d, Z%d, Z%d", 8*u, cReg, cReg)
		if u < tiles-1 {
			p(b, "VMOVUPD Z%d, %d(DX)", cReg, 64*u)
		} else {
			p(b, "VMOVUPD Z%d, K1, %d(DX)", cReg, 64*u)
		}
	}
	p(b, "ADDQ R8, DX")
	if in.bytes {
		p(b, "ADDQ $8, R9")
	} else {
		p(b, "ADDQ R9, SI")
	}
	p(b, "ADDQ $8, R14")
	p(b, "DECQ R15")
	p(b, "JNE row")
	fmt.Fprintf(b, "done:\n")
	ret(b)
}

// tnSparseRows is the most rows of c a tnSparse kernel holds: each row
// takes an accumulator of the 16 registers below the sample's, and the
// more rows share a load of a sample's group, the fewer loads a product
// takes (a shard of 15 neurons loads each group once, not twice).
const tnSparseRows = 16

// tnSparse writes tnSparse{R}, tnTile{R} on the groups of eight samples
// that have ink: for every group g of eight columns (groups of them), c_r
// gains Σ_l coef[l][r]·x_l[8g:8g+8] for r < R over the rows l of x (ldx
// apart) whose bit is set in rows[g], l in increasing order, one fused
// multiply-add each; coef holds R coefficients per l. The tile of c stays
// in registers through a group's sum.
//
//	func tnSparse{R}(c *float64, ldc int, x *float64, ldx int, coef *float64, samples *uint64, groups int)
//
// tnSparseBytes{R} is the same on rows of bytes (byteRows): x points at
// rows pointers, and each row is read from byte xoff on.
func tnSparse(b *bytes.Buffer, rows int, in input) {
	const xReg = tnSparseRows
	// R9, R10, R14 and SI point at the tile's rows 0, 4, 8 and 12 of the
	// current group, R13 is ldc in bytes and R12 three times that: row r
	// is one address off them.
	bases := [...]string{"R9", "R10", "R14", "SI"}
	addr := func(r int) string {
		return fmt.Sprintf([...]string{"(%s)", "(%s)(R13*1)", "(%s)(R13*2)", "(%s)(R12*1)"}[r%4], bases[r/4])
	}
	f := tnSparseFamily.ofInput(in)
	declare(b, fmt.Sprintf("%s%d", f.name, rows), f.params, "", 56)
	in.setup(b)
	p(b, "MOVQ c+0(FP), R9")
	p(b, "MOVQ ldc+8(FP), R13")
	p(b, "SHLQ $3, R13")
	p(b, "LEAQ (R13)(R13*2), R12")
	for q := 1; q < (rows+3)/4; q++ {
		p(b, "LEAQ (%s)(R13*4), %s", bases[q-1], bases[q])
	}
	// DI: the group in x, from the start of x, or of each row; BX: ldx in
	// bytes, or the row pointers.
	if in.bytes {
		p(b, "MOVQ x+16(FP), BX")
		p(b, "MOVQ xoff+24(FP), DI")
	} else {
		p(b, "MOVQ x+16(FP), DI")
		p(b, "MOVQ ldx+24(FP), BX")
		p(b, "SHLQ $3, BX")
	}
	p(b, "MOVQ coef+32(FP), R8")
	p(b, "MOVQ samples+40(FP), R11")
	p(b, "MOVQ groups+48(FP), R15")
	p(b, "TESTQ R15, R15")
	p(b, "JEQ done")
	fmt.Fprintf(b, "group:\n")
	p(b, "MOVQ (R11), AX")
	p(b, "TESTQ AX, AX")
	p(b, "JEQ next")
	for r := range rows {
		p(b, "VMOVUPD %s, Z%d", addr(r), r)
	}
	fmt.Fprintf(b, "sample:\n")
	p(b, "BSFQ AX, CX")
	if in.bytes {
		p(b, "MOVQ (BX)(CX*8), DX")
	} else {
		p(b, "MOVQ CX, DX")
		p(b, "IMULQ BX, DX")
	}
	in.load(b, "(DI)(DX*1)", xReg)
	// CX: the sample's coefficients, one address off one register for
	// every row, which keeps each fused multiply-add one micro-op.
	p(b, "IMULQ $%d, CX", 8*rows)
	p(b, "ADDQ R8, CX")
	for r := range rows {
		p(b, "VFMADD231PD.BCST %d(CX), Z%d, Z%d", 8*r, xReg, r)
	}
	p(b, "LEAQ -1(AX), DX")
	p(b, "ANDQ DX, AX")
	p(b, "JNE sample")
	for r := range rows {
		p(b, "VMOVUPD Z%d, %s", r, addr(r))
	}
	fmt.Fprintf(b, "next:\n")
	for q := range (rows + 3) / 4 {
		p(b, "ADDQ $64, %s", bases[q])
	}
	if in.bytes {
		p(b, "ADDQ $8, DI")
	} else {
		p(b, "ADDQ $64, DI")
	}
	p(b, "ADDQ $8, R11")
	p(b, "DECQ R15")
	p(b, "JNE group")
	fmt.Fprintf(b, "done:\n")
	ret(b)
}
