// Package testrand makes the seeded random numbers, matrices and batches
// that the module's tests and benchmarks share, so that no test file keeps
// its own copy of them. It imports gonum's matrix types, not the module's
// mat package, so that mat's own tests can use it; mat's Dense and VecDense
// are aliases of the same types.
package testrand

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// New returns a PCG source seeded with seed and a fixed stream.
func New(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// Slice returns n values drawn from N(0, 1).
func Slice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	return s
}

// Dense returns an r×c matrix of values drawn from N(0, 1).
func Dense(rng *rand.Rand, r, c int) *mat.Dense { return mat.NewDense(r, c, Slice(rng, r*c)) }

// Vec returns a vector of n values drawn from N(0, 1).
func Vec(rng *rand.Rand, n int) *mat.VecDense { return mat.NewVecDense(n, Slice(rng, n)) }

// Batch returns m samples for a network of the given layer sizes, one per
// row: inputs drawn from N(0, 1) and targets from U(0, 1).
func Batch(sizes []int, m int, seed uint64) (x, y *mat.Dense) {
	rng := New(seed)
	x = Dense(rng, m, sizes[0])
	y = mat.NewDense(m, sizes[len(sizes)-1], nil)
	data := y.RawMatrix().Data
	for i := range data {
		data[i] = rng.Float64()
	}
	return x, y
}
