package main

import (
	"bytes"
	"fmt"
)

// generateElementwise returns elementwise_amd64.s: the bias added to every
// row, σ' multiplied in, and the sums of a matrix's columns, eight columns
// at a time, each element computed with the operations of the Go loops
// they replace, in the same order (no fused multiply-add), so with the
// same bits.
func generateElementwise() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("\nDATA elementwiseOne<>+0(SB)/8, $1.0\nGLOBL elementwiseOne<>(SB), RODATA|NOPTR, $8\n")
	addRows8(&b)
	mulSigmoidPrime8(&b)
	columnSums8(&b)
	return b.Bytes()
}

// tailMask sets K1 to the lanes of the last, partial group of eight of n
// elements (n in CX; DX and R12 are scratch), and CX to n − n%8.
func tailMask(b *bytes.Buffer) {
	p(b, "MOVQ CX, R12")
	p(b, "ANDQ $7, CX")
	p(b, "MOVQ $1, DX")
	p(b, "SHLQ CX, DX")
	p(b, "DECQ DX")
	p(b, "KMOVW DX, K1")
	p(b, "MOVQ R12, CX")
	p(b, "ANDQ $-8, CX")
}

// groups writes a loop that runs body for the groups of eight elements
// at AX = 0, 8, … below CX, then once more for the last, partial group
// under the mask K1 (set by tailMask). body gets the load instruction, the
// masking to append to a register operand (empty, or ", K1") and a suffix
// for its own labels.
func groups(b *bytes.Buffer, body func(load, mask, label string)) {
	fmt.Fprintf(b, "group:\n")
	p(b, "CMPQ AX, CX")
	p(b, "JGE tail")
	body("VMOVUPD", "", "Group")
	p(b, "ADDQ $8, AX")
	p(b, "JMP group")
	fmt.Fprintf(b, "tail:\n")
	body("VMOVUPD.Z", ", K1", "Tail")
}

// addRows8 writes addRows8, which adds v[j] to m[r][j] for r < rows and
// j < n, the rows ld apart.
//
//	func addRows8(m *float64, ld, rows int, v *float64, n int)
func addRows8(b *bytes.Buffer) {
	declare(b, "addRows8", "m *float64, ld, rows int, v *float64, n int", "", 40)
	p(b, "MOVQ m+0(FP), DI")
	p(b, "MOVQ ld+8(FP), R8")
	p(b, "SHLQ $3, R8")
	p(b, "MOVQ rows+16(FP), R9")
	p(b, "MOVQ v+24(FP), SI")
	p(b, "MOVQ n+32(FP), CX")
	tailMask(b)
	p(b, "TESTQ R9, R9")
	p(b, "JEQ done")
	fmt.Fprintf(b, "row:\n")
	p(b, "XORQ AX, AX")
	groups(b, func(load, mask, _ string) {
		p(b, "%s (DI)(AX*8)%s, Z0", load, mask)
		p(b, "%s (SI)(AX*8)%s, Z1", load, mask)
		p(b, "VADDPD Z1, Z0, Z0")
		p(b, "VMOVUPD Z0%s, (DI)(AX*8)", mask)
	})
	p(b, "ADDQ R8, DI")
	p(b, "DECQ R9")
	p(b, "JNE row")
	fmt.Fprintf(b, "done:\n")
	ret(b)
}

// mulSigmoidPrime8 writes mulSigmoidPrime8, which sets d[i] *= a[i]·(1 −
// a[i]) for i < n: 1 − a, then a times that, then d times that.
//
//	func mulSigmoidPrime8(d, a *float64, n int)
func mulSigmoidPrime8(b *bytes.Buffer) {
	declare(b, "mulSigmoidPrime8", "d, a *float64, n int", "", 24)
	p(b, "MOVQ d+0(FP), DI")
	p(b, "MOVQ a+8(FP), SI")
	p(b, "MOVQ n+16(FP), CX")
	p(b, "VBROADCASTSD elementwiseOne<>(SB), Z3")
	tailMask(b)
	p(b, "XORQ AX, AX")
	groups(b, func(load, mask, _ string) {
		p(b, "%s (SI)(AX*8)%s, Z1", load, mask)
		p(b, "VSUBPD Z1, Z3, Z2")
		p(b, "VMULPD Z2, Z1, Z2")
		p(b, "%s (DI)(AX*8)%s, Z0", load, mask)
		p(b, "VMULPD Z2, Z0, Z0")
		p(b, "VMOVUPD Z0%s, (DI)(AX*8)", mask)
	})
	ret(b)
}

// columnSums8 writes columnSums8, which sets s[j] to the sum of m[r][j]
// over r < rows, taken from r = 0 on and starting from +0, for j < n, the
// rows ld apart.
//
//	func columnSums8(s, m *float64, ld, rows, n int)
func columnSums8(b *bytes.Buffer) {
	declare(b, "columnSums8", "s, m *float64, ld, rows, n int", "", 40)
	p(b, "MOVQ s+0(FP), DI")
	p(b, "MOVQ m+8(FP), SI")
	p(b, "MOVQ ld+16(FP), R8")
	p(b, "SHLQ $3, R8")
	p(b, "MOVQ rows+24(FP), R9")
	p(b, "MOVQ n+32(FP), CX")
	tailMask(b)
	p(b, "XORQ AX, AX")
	groups(b, func(load, mask, label string) {
		p(b, "VXORPD Z0, Z0, Z0")
		p(b, "MOVQ SI, R10")
		p(b, "MOVQ R9, R11")
		p(b, "TESTQ R11, R11")
		p(b, "JEQ summed%s", label)
		fmt.Fprintf(b, "rows%s:\n", label)
		p(b, "%s (R10)(AX*8)%s, Z1", load, mask)
		p(b, "VADDPD Z1, Z0, Z0")
		p(b, "ADDQ R8, R10")
		p(b, "DECQ R11")
		p(b, "JNE rows%s", label)
		fmt.Fprintf(b, "summed%s:\n", label)
		p(b, "VMOVUPD Z0%s, (DI)(AX*8)", mask)
	})
	ret(b)
}
