//go:build !purego

package mat

// The element-wise kernels of elementwise_amd64.s, AVX-512 only, each the
// Go loop it stands for, operation for operation: addRows8 adds v to n
// elements of each of rows rows of m (ld apart), mulSigmoidPrime8 sets
// d[i] *= a[i]·(1 − a[i]), columnSums8 sets s[j] to the sum of the rows'
// elements j from the first row on.

//go:noescape
func addRows8(m *float64, ld, rows int, v *float64, n int)

//go:noescape
func mulSigmoidPrime8(d, a *float64, n int)

//go:noescape
func columnSums8(s, m *float64, ld, rows, n int)

// addRowsVector adds v to the n elements of each of rows rows of m with
// the vector kernel, and reports whether it could.
func addRowsVector(m []float64, ld, rows int, v []float64, n int) bool {
	if !hasAVX512 || rows == 0 || n == 0 {
		return false
	}
	addRows8(&m[0], ld, rows, &v[0], n)
	return true
}

// mulSigmoidPrimeVector is MulSigmoidPrime with the vector kernel, and
// reports whether it could.
func mulSigmoidPrimeVector(d, a []float64) bool {
	if !hasAVX512 || len(d) == 0 {
		return false
	}
	mulSigmoidPrime8(&d[0], &a[0], len(d))
	return true
}

// columnSumsVector sets s[j] to the sum of column j of the rows×len(s)
// matrix m with the vector kernel, and reports whether it could.
func columnSumsVector(s, m []float64, ld, rows int) bool {
	if !hasAVX512 || rows == 0 || len(s) == 0 {
		return false
	}
	columnSums8(&s[0], &m[0], ld, rows, len(s))
	return true
}
