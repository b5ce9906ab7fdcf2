package mat_test

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// Every implementation of Products computes the same product; Naive is the
// reference, Tuned the fastest in the pure Go build.
func ExampleProducts() {
	a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	b := mat.NewDense(2, 3, []float64{1, 0, 1, 0, 1, 0})
	for _, p := range []mat.Products{mat.Naive{}, mat.BLAS{}, mat.Tuned{}} {
		var c mat.Dense // empty: Mul sizes it
		p.Mul(&c, 1, false, a, true, b, 0)
		fmt.Printf("%T: %v\n", p, c.RawMatrix().Data)
	}
	// Output:
	// mat.Naive: [4 2 10 5]
	// mat.BLAS: [4 2 10 5]
	// mat.Tuned: [4 2 10 5]
}

// The element-wise kernels work in place on raw data.
func ExampleSigmoid() {
	z := []float64{-1000, 0, 2}
	mat.Sigmoid(z, z)
	fmt.Printf("%.4f\n", z)
	d := []float64{1, 1, 1}
	mat.MulSigmoidPrime(d, z) // d ⊙ σ'(z), from σ(z)
	fmt.Printf("%.4f\n", d)
	// Output:
	// [0.0000 0.5000 0.8808]
	// [0.0000 0.2500 0.1050]
}
