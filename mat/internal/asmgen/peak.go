package main

import (
	"bytes"
	"fmt"
)

// peakChains is how many independent chains of fused multiply-adds
// fmaPeak keeps going: enough to cover the instruction's latency on both
// of a core's FMA units.
const peakChains = 16

// fmaPeak writes fmaPeak, which runs n rounds of peakChains independent
// fused multiply-adds on registers of eight doubles and nothing else: the
// core's peak, against which the benchmarks state their efficiency.
//
//	func fmaPeak(n int)
func fmaPeak(b *bytes.Buffer) {
	declare(b, "fmaPeak", "n int", "", 8)
	p(b, "MOVQ n+0(FP), CX")
	zero(b, "Z", peakChains)
	p(b, "VXORPD Z30, Z30, Z30")
	p(b, "VXORPD Z31, Z31, Z31")
	p(b, "TESTQ CX, CX")
	p(b, "JEQ done")
	fmt.Fprintf(b, "round:\n")
	for i := range peakChains {
		p(b, "VFMADD231PD Z30, Z31, Z%d", i)
	}
	p(b, "DECQ CX")
	p(b, "JNE round")
	fmt.Fprintf(b, "done:\n")
	ret(b)
}
