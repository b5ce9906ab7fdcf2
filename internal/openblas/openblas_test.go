//go:build openblas

package openblas

import (
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
)

func TestOpenBLASIsInUse(t *testing.T) {
	if blas64.Implementation() != Implementation {
		t.Errorf("blas64 uses %T, want OpenBLAS", blas64.Implementation())
	}
	if got := Implementation.Ddot(3, []float64{1, 2, 3}, 1, []float64{4, 5, 6}, 1); got != 32 {
		t.Errorf("Ddot = %v, want 32", got)
	}
	if CoreName() == "" {
		t.Error("OpenBLAS names no core")
	}
	t.Logf("OpenBLAS core %s, vectorised %t", CoreName(), Vectorised())
}
