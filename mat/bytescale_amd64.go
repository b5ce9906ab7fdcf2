//go:build !purego

package mat

// scale8 is ByteScale.Expand for the first n − n%8 elements, eight at a
// time, r being 1/d, in bytescale_amd64.s; it returns how many it did.
//
//go:noescape
func scale8(dst *float64, src *byte, n int, r, d float64) int

// scaleVector does what it can of ByteScale.Expand with the vector kernel,
// and returns how many elements it did.
func scaleVector(dst []float64, src []byte, r, d float64) int {
	if !hasAVX512 || len(src) < 8 {
		return 0
	}
	return scale8(&dst[0], &src[0], len(src), r, d)
}

// scale255 is ByteScale.Expand for divisor 255 and the first n − n%8
// elements, eight at a time, from the repeated bytes; it returns how many
// it did.
//
//go:noescape
func scale255(dst *float64, src *byte, n int) int

// scale255Vector does what it can of ByteScale.Expand for divisor 255
// with its vector kernel, which needs AVX-512's byte shuffles and
// conversions from 64-bit integers, and returns how many elements it did.
func scale255Vector(dst []float64, src []byte) int {
	if !hasAVX512 || !hasAVX512BWDQ || len(src) < 8 {
		return 0
	}
	return scale255(&dst[0], &src[0], len(src))
}
