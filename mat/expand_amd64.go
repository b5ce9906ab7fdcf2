//go:build !purego

package mat

// expand8 is Expand for the first n − n%8 elements, eight at a time, in
// expand_amd64.s; it returns how many it did.
//
//go:noescape
func expand8(dst *float64, src *byte, n int, table *[256]float64) int

// expandVector does what it can of Expand with the vector kernel, and
// returns how many elements it did.
func expandVector(dst []float64, src []byte, table *[256]float64) int {
	if !hasAVX512 || len(src) < 8 {
		return 0
	}
	return expand8(&dst[0], &src[0], len(src), table)
}
