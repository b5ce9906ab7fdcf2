package main

import (
	"bytes"
	"fmt"
)

// generateExpand returns expand_amd64.s.
func generateExpand() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	expand8(&b)
	return b.Bytes()
}

// expandUnroll is how many groups of eight bytes expand8 takes a step:
// four independent gathers keep the load ports busy.
const expandUnroll = 4

// expand8 writes expand8, which sets dst[i] = table[src[i]] for the first
// n − n%8 elements, eight at a time: the bytes widened to 64-bit indices,
// then one gather from the table each. It returns how many it did.
//
//	func expand8(dst *float64, src *byte, n int, table *[256]float64) int
func expand8(b *bytes.Buffer) {
	declare(b, "expand8", "dst *float64, src *byte, n int, table *[256]float64", "int", 40)
	p(b, "MOVQ dst+0(FP), DI")
	p(b, "MOVQ src+8(FP), SI")
	p(b, "MOVQ n+16(FP), BX")
	p(b, "MOVQ table+24(FP), DX")
	p(b, "XORQ AX, AX")
	step := func(label string, groups int) {
		p(b, "MOVQ BX, CX")
		p(b, "ANDQ $%d, CX", -8*groups)
		fmt.Fprintf(b, "%s:\n", label)
		p(b, "CMPQ AX, CX")
		p(b, "JGE %sDone", label)
		for g := range groups {
			p(b, "VPMOVZXBQ %d(SI)(AX*1), Z%d", 8*g, g)
			p(b, "KXNORW K%d, K%d, K%d", g+1, g+1, g+1)
			p(b, "VGATHERQPD (DX)(Z%d*8), K%d, Z%d", g, g+1, g+8)
		}
		for g := range groups {
			p(b, "VMOVUPD Z%d, %d(DI)(AX*8)", g+8, 64*g)
		}
		p(b, "ADDQ $%d, AX", 8*groups)
		p(b, "JMP %s", label)
		fmt.Fprintf(b, "%sDone:\n", label)
	}
	step("unrolled", expandUnroll)
	step("group", 1)
	p(b, "MOVQ AX, ret+32(FP)")
	ret(b)
}
