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
	scale255(&b)
	return b.Bytes()
}

// scaleUnroll is how many groups of eight bytes scale8 takes a step: four
// independent chains keep the ports busy.
const scaleUnroll = 4

// scaleLoops writes the loops of a kernel that makes the bytes at SI
// doubles at DI, eight at a time, for AX from 0 to BX − BX%8: scaleUnroll
// groups a step, then one. convert(g) writes the instructions that make
// group g of a step doubles, in the register it returns; Z0–Z15 are its.
func scaleLoops(b *bytes.Buffer, convert func(g int) int) {
	step := func(label string, groups int) {
		p(b, "MOVQ BX, CX")
		p(b, "ANDQ $%d, CX", -8*groups)
		fmt.Fprintf(b, "%s:\n", label)
		p(b, "CMPQ AX, CX")
		p(b, "JGE %sDone", label)
		var out [scaleUnroll]int
		for g := range groups {
			out[g] = convert(g)
		}
		for g := range groups {
			p(b, "VMOVUPD Z%d, %d(DI)(AX*8)", out[g], 64*g)
		}
		p(b, "ADDQ $%d, AX", 8*groups)
		p(b, "JMP %s", label)
		fmt.Fprintf(b, "%sDone:\n", label)
	}
	step("unrolled", scaleUnroll)
	step("group", 1)
}

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
	// x in Z{g}, then the residual; q in Z{g+8}.
	scaleLoops(b, func(g int) int {
		p(b, "VPMOVZXBD %d(SI)(AX*1), Y%d", 8*g, g)
		p(b, "VCVTDQ2PD Y%d, Z%d", g, g)
		p(b, "VMULPD Z%d, Z%d, Z%d", r, g, g+8)
		p(b, "VFNMADD231PD Z%d, Z%d, Z%d", d, g+8, g)
		p(b, "VFMADD231PD Z%d, Z%d, Z%d", r, g, g+8)
		return g + 8
	})
	p(b, "MOVQ AX, ret+40(FP)")
	ret(b)
}

// scale255 writes scale255, which sets dst[i] = src[i]/255 for the first
// n − n%8 elements, eight at a time, as ByteScale describes it: b/255 is
// 0.bbbbbbbb… in base 256, so each byte, repeated eight times in a word
// (a broadcast and a byte shuffle), converted to a double (rounded to
// nearest) and scaled by 2⁻⁶⁴, is b/255 rounded, as NewByteScale checks
// for all 256 bytes. That is four instructions a group before the store,
// against the corrected quotient's five. It returns how many it did.
//
//	func scale255(dst *float64, src *byte, n int) int
func scale255(b *bytes.Buffer) {
	declare(b, "scale255", "dst *float64, src *byte, n int", "int", 32)
	const shuffle, scale = 30, 31
	p(b, "MOVQ dst+0(FP), DI")
	p(b, "MOVQ src+8(FP), SI")
	p(b, "MOVQ n+16(FP), BX")
	repeatConstants(b, shuffle, scale, 29)
	p(b, "XORQ AX, AX")
	scaleLoops(b, func(g int) int {
		repeatBytes(b, fmt.Sprintf("%d(SI)(AX*1)", 8*g), g, shuffle, scale)
		return g
	})
	p(b, "MOVQ AX, ret+24(FP)")
	ret(b)
}

// repeatConstants sets Z{shuffle} to the byte shuffle and Z{scale} to the
// factor 2⁻⁶⁴ of repeatBytes, with Z{tmp} as scratch and DX clobbered.
func repeatConstants(b *bytes.Buffer, shuffle, scale, tmp int) {
	// Byte j of word i takes byte i of the group: 0x0i0i…0i.
	p(b, "MOVQ $0x0706050403020100, DX")
	p(b, "VPBROADCASTQ DX, Z%d", shuffle)
	p(b, "VPMOVZXBQ X%d, Z%d", shuffle, shuffle)
	p(b, "MOVQ $0x0101010101010101, DX")
	p(b, "VPBROADCASTQ DX, Z%d", tmp)
	p(b, "VPMULLQ Z%d, Z%d, Z%d", tmp, shuffle, shuffle)
	p(b, "MOVQ $0x3bf0000000000000, DX") // 2⁻⁶⁴
	p(b, "VPBROADCASTQ DX, Z%d", scale)
}

// repeatBytes sets Z{reg} to the eight bytes at addr divided by 255, as
// scale255 computes them: each byte repeated through its word, converted
// and scaled by 2⁻⁶⁴, with repeatConstants' registers.
func repeatBytes(b *bytes.Buffer, addr string, reg, shuffle, scale int) {
	p(b, "VPBROADCASTQ %s, Z%d", addr, reg)
	p(b, "VPSHUFB Z%d, Z%d, Z%d", shuffle, reg, reg)
	p(b, "VCVTUQQ2PD Z%d, Z%d", reg, reg)
	p(b, "VMULPD Z%d, Z%d, Z%d", scale, reg, reg)
}
