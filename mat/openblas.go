//go:build openblas

package mat

import (
	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/internal/openblas"
)

// OpenBLAS is OpenBLAS through gonum's netlib bindings. It exists only in
// the openblas build, where blas64 uses it too.
var OpenBLAS blas.Float64 = openblas.Implementation

// OpenBLAS becomes the default when it runs vectorised kernels: with its
// generic ones it is slower than Tuned.
func init() {
	if openblas.Vectorised() {
		defaultImpl = OpenBLAS
	}
}
