//go:build openblas

package openblas

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int);
char* openblas_get_corename(void);
*/
import "C"

import (
	"os"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
)

// Threads is the number of threads OpenBLAS gets by default. One is the
// fastest at this project's sizes (see benchmarks/README.md): the products
// are too small for a second thread to pay for its synchronisation. With a
// fixed thread count OpenBLAS results repeat exactly from run to run.
const Threads = 1

// Implementation is OpenBLAS through gonum's netlib bindings.
var Implementation = netlib.Implementation{}

func init() {
	blas64.Use(Implementation)
	if os.Getenv("OPENBLAS_NUM_THREADS") == "" {
		C.openblas_set_num_threads(Threads)
	}
}

// SetThreads sets the number of threads OpenBLAS runs its products on,
// from now on.
func SetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

// CoreName returns the name of the processor kernels OpenBLAS chose when it
// was loaded, such as "SkylakeX" or "Haswell".
func CoreName() string { return C.GoString(C.openblas_get_corename()) }

// Vectorised reports whether OpenBLAS runs kernels that use AVX2 or wider.
// On a virtual machine that hides the processor model, OpenBLAS may fall
// back to its generic SSE3 kernels ("Prescott"); the environment variable
// OPENBLAS_CORETYPE, read when the library loads, overrides its choice.
func Vectorised() bool {
	switch CoreName() {
	case "Haswell", "Zen", "SkylakeX", "CooperLake", "SapphireRapids":
		return true
	}
	return false
}
