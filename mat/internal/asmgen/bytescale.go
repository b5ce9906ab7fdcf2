package main

import (
	"bytes"
	"fmt"
)

// generateByteScale returns bytescale_amd64.s.
func generateByteScale() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	scale8(&b)
	return b.Bytes()
}

// scaleUnroll is how many groups of eight bytes scale8 takes a step: four
// independent chains keep the ports busy.
const scaleUnroll = 4

// scale8 writes scale8, which sets dst[i] = src[i]/d for the first
// n − n%8 elements, eight at a time, as ByteScale describes it: the bytes
// widened and converted to doubles x, q = x·r, then q + (x − q·d)·r with
// two fused multiply-adds. It returns how many it did.
//
//	func scale8(dst *float64, src *byte, n int, r, d float64) int
func scale8(b *bytes.Buffer) {
	declare(b, "scale8", "dst *float64, src *byte, n int, r, d float64", "int", 48)
	const r, d = 30, 31
	p(b, "MOVQ dst+0(FP), DI")
	p(b, "MOVQ src+8(FP), SI")
	p(b, "MOVQ n+16(FP), BX")
	p(b, "VBROADCASTSD r+24(FP), Z%d", r)
	p(b, "VBROADCASTSD d+32(FP), Z%d", d)
	p(b, "XORQ AX, AX")
	step := func(label string, groups int) {
		p(b, "MOVQ BX, CX")
		p(b, "ANDQ $%d, CX", -8*groups)
		fmt.Fprintf(b, "%s:\n", label)
		p(b, "CMPQ AX, CX")
		p(b, "JGE %sDone", label)
		// x in Z{g}, then the residual; q in Z{g+8}.
		for g := range groups {
			p(b, "VPMOVZXBD %d(SI)(AX*1), Y%d", 8*g, g)
			p(b, "VCVTDQ2PD Y%d, Z%d", g, g)
			p(b, "VMULPD Z%d, Z%d, Z%d", r, g, g+8)
			p(b, "VFNMADD231PD Z%d, Z%d, Z%d", d, g+8, g)
			p(b, "VFMADD231PD Z%d, Z%d, Z%d", r, g, g+8)
		}
		for g := range groups {
			p(b, "VMOVUPD Z%d, %d(DI)(AX*8)", g+8, 64*g)
		}
		p(b, "ADDQ $%d, AX", 8*groups)
		p(b, "JMP %s", label)
		fmt.Fprintf(b, "%sDone:\n", label)
	}
	step("unrolled", scaleUnroll)
	step("group", 1)
	p(b, "MOVQ AX, ret+40(FP)")
	ret(b)
}
