//go:build openblas

package mat

import "github.com/vzorecky/backprop/internal/openblas"

// OpenBLAS computes the products with OpenBLAS. It exists only in the
// openblas build, where BLAS{} is OpenBLAS too.
var OpenBLAS = BLAS{Impl: openblas.Implementation}

// OpenBLAS becomes the default when it runs vectorised kernels: with its
// generic ones it is slower than Tuned.
func init() {
	if openblas.Vectorised() {
		defaultProducts = OpenBLAS
	}
}
