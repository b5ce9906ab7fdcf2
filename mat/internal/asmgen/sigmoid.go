package main

import (
	"bytes"
	"fmt"
)

// expConstants are the constants of the Go runtime's math.Exp for amd64
// (src/math/exp_amd64.s), spelled as it spells them so that the assembler
// makes the same doubles of them, with the offsets sigmoid8 reads them at.
var expConstants = []struct {
	name, value string
}{
	{"log2e", "1.4426950408889634073599246810018920"},
	{"ln2u", "0.69314718055966295651160180568695068359375"},
	{"ln2l", "0.28235290563031577122588448175013436025525412068e-12"},
	{"sixteenth", "0.0625"},
	{"c8", "2.4801587301587301587e-5"},
	{"c7", "1.9841269841269841270e-4"},
	{"c6", "1.3888888888888888889e-3"},
	{"c5", "8.3333333333333333333e-3"},
	{"c4", "4.1666666666666666667e-2"},
	{"c3", "1.6666666666666666667e-1"},
	{"half", "0.5"},
	{"one", "1.0"},
	{"two", "2.0"},
	{"limit", "700.0"},
}

// generateSigmoid returns sigmoid_amd64.s.
func generateSigmoid() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for i, c := range expConstants {
		fmt.Fprintf(&b, "DATA sigmoidConsts<>+%d(SB)/8, $%s // %s\n", 8*i, c.value, c.name)
	}
	fmt.Fprintf(&b, "GLOBL sigmoidConsts<>(SB), RODATA|NOPTR, $%d\n", 8*len(expConstants))
	sigmoid8(&b)
	return b.Bytes()
}

// sigmoid8 writes sigmoid8, which sets dst[i] = 1/(1 + e^(−z[i])) eight
// elements at a time, computing e^x with exactly the operations of
// math.Exp's fused multiply-add path (argument reduction by n·ln 2 in two
// parts, a Taylor polynomial of x/16, four squarings of (1+x)-like terms,
// scaling by 2ⁿ): the same bits. That path covers |x| ≤ 700, far from
// math.Exp's special cases (overflow above 709.78, denormal results below
// −708.4, Inf and NaN); the kernel stops before the first group of eight
// with an element outside it and returns how many it did, so that the
// caller can take that group with math.Exp.
//
//	func sigmoid8(dst, z *float64, n int) int
func sigmoid8(b *bytes.Buffer) {
	reg := map[string]int{}
	for i, c := range expConstants {
		reg[c.name] = 16 + i // Z16…Z29
	}
	cst := func(name string) string { return fmt.Sprintf("Z%d", reg[name]) }
	const x, n, poly, bits, sign = 0, 1, 2, 3, 30
	declare(b, "sigmoid8", "dst, z *float64, n int", "int", 32)
	p(b, "MOVQ dst+0(FP), DI")
	p(b, "MOVQ z+8(FP), SI")
	p(b, "MOVQ n+16(FP), CX")
	p(b, "ANDQ $-8, CX")
	p(b, "XORQ AX, AX")
	p(b, "LEAQ sigmoidConsts<>(SB), DX")
	for i := range expConstants {
		p(b, "VBROADCASTSD %d(DX), Z%d", 8*i, 16+i)
	}
	// The sign bit, to negate z, and 1023, the exponent's bias.
	p(b, "MOVQ $0x8000000000000000, DX")
	p(b, "VPBROADCASTQ DX, Z%d", sign)
	p(b, "MOVQ $1023, DX")
	p(b, "VPBROADCASTQ DX, Z31")
	fmt.Fprintf(b, "group:\n")
	p(b, "CMPQ AX, CX")
	p(b, "JGE done")
	p(b, "VMOVUPD (SI)(AX*8), Z%d", x)
	p(b, "VXORPD Z%d, Z%d, Z%d", sign, x, x)
	// |x| ≤ 700 in every lane, NaN failing the comparison.
	p(b, "VANDNPD Z%d, Z%d, Z%d", x, sign, poly)
	p(b, "VCMPPD $0x12, %s, Z%d, K1", cst("limit"), poly)
	p(b, "KMOVW K1, DX")
	p(b, "CMPB DX, $0xFF")
	p(b, "JNE done")
	// n = round(x·log₂e), x −= n·ln 2 (two fused steps), x /= 16.
	p(b, "VMULPD %s, Z%d, Z%d", cst("log2e"), x, n)
	p(b, "VCVTPD2DQ Z%d, Y%d", n, bits)
	p(b, "VCVTDQ2PD Y%d, Z%d", bits, n)
	p(b, "VFNMADD231PD %s, Z%d, Z%d", cst("ln2u"), n, x)
	p(b, "VFNMADD231PD %s, Z%d, Z%d", cst("ln2l"), n, x)
	p(b, "VMULPD %s, Z%d, Z%d", cst("sixteenth"), x, x)
	// The polynomial, by Horner's rule from the highest term, then x·p.
	p(b, "VMOVAPD %s, Z%d", cst("c8"), poly)
	for _, c := range []string{"c7", "c6", "c5", "c4", "c3", "half", "one"} {
		p(b, "VFMADD213PD %s, Z%d, Z%d", cst(c), x, poly)
	}
	p(b, "VMULPD Z%d, Z%d, Z%d", poly, x, x)
	// Four times x = x·(x + 2), undoing the division by 16; the last adds
	// 1 in the same fused step.
	for range 3 {
		p(b, "VADDPD %s, Z%d, Z%d", cst("two"), x, poly)
		p(b, "VMULPD Z%d, Z%d, Z%d", poly, x, x)
	}
	p(b, "VADDPD %s, Z%d, Z%d", cst("two"), x, poly)
	p(b, "VFMADD213PD %s, Z%d, Z%d", cst("one"), poly, x)
	// Times 2ⁿ, made as the double with n + 1023 in its exponent bits.
	p(b, "VPMOVSXDQ Y%d, Z%d", bits, n)
	p(b, "VPADDQ Z31, Z%d, Z%d", n, n)
	p(b, "VPSLLQ $52, Z%d, Z%d", n, n)
	p(b, "VMULPD Z%d, Z%d, Z%d", n, x, x)
	// σ = 1/(1 + e^(−z)).
	p(b, "VADDPD %s, Z%d, Z%d", cst("one"), x, x)
	p(b, "VDIVPD Z%d, %s, Z%d", x, cst("one"), x)
	p(b, "VMOVUPD Z%d, (DI)(AX*8)", x)
	p(b, "ADDQ $8, AX")
	p(b, "JMP group")
	fmt.Fprintf(b, "done:\n")
	p(b, "MOVQ AX, ret+24(FP)")
	ret(b)
}
