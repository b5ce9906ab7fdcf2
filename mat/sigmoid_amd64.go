//go:build !purego

package mat

import "math"

// sigmoid8 is Sigmoid eight elements at a time, in sigmoid_amd64.s: it
// does the groups of eight of the first n elements, up to the first group
// with an argument beyond ±700, and returns how many elements it did.
//
//go:noescape
func sigmoid8(dst, z *float64, n int) int

// vectorSigmoid reports whether sigmoid8 runs here. It repeats the fused
// multiply-add path of math.Exp, which math takes when the processor has
// FMA (and GODEBUG does not turn it off), so it is used only after giving
// the same bits as math.Exp on a few hundred arguments.
var vectorSigmoid = hasAVX512 && sigmoid8AgreesWithExp()

// sigmoidVector sets dst[i] = σ(z[i]) for as many of the first elements
// as the vector kernel can do, and returns how many.
func sigmoidVector(dst, z []float64) int {
	if !vectorSigmoid || len(z) < 8 {
		return 0
	}
	return sigmoid8(&dst[0], &z[0], len(z))
}

func sigmoid8AgreesWithExp() bool {
	z := make([]float64, 512)
	for i := range z {
		z[i] = float64(i-256) * 0.1373 * math.Sqrt(float64(i%17+1))
	}
	got := make([]float64, len(z))
	if sigmoid8(&got[0], &z[0], len(z)) != len(z) {
		return false
	}
	for i, v := range z {
		if math.Float64bits(got[i]) != math.Float64bits(1/(1+math.Exp(-v))) {
			return false
		}
	}
	return true
}
