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
