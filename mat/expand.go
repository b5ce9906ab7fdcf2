package mat

// Expand sets dst[i] = table[src[i]]: compact data, one byte a value, made
// float64 rows through a table of the 256 values, as package mnist makes
// its images' pixels. With AVX-512 it takes eight bytes at a time.
func Expand(dst []float64, src []byte, table *[256]float64) {
	checkLen("Expand", len(dst), len(src))
	i := expandVector(dst, src, table)
	for ; i < len(src); i++ {
		dst[i] = table[src[i]]
	}
}
