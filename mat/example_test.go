package mat_test

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/vzorecky/backprop/mat"
)

// Every BLAS computes the same product: Naive is the reference, Tuned the
// fastest in the pure Go build, blas64's the one gonum uses (OpenBLAS in
// the openblas build).
func ExampleMul() {
	a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	b := mat.NewDense(2, 3, []float64{1, 0, 1, 0, 1, 0})
	for _, impl := range []blas.Float64{mat.Naive{}, mat.Tuned{}, blas64.Implementation()} {
		var c mat.Dense                            // empty: Mul sizes it
		mat.Mul(impl, &c, 1, false, a, true, b, 0) // c = a·bᵀ
		fmt.Println(c.RawMatrix().Data)
	}
	// Output:
	// [4 2 10 5]
	// [4 2 10 5]
	// [4 2 10 5]
}

// Tuned is a gonum BLAS: blas64.Use makes every gonum product in the
// program use its kernels, gonum's own mat package included.
func ExampleTuned() {
	old := blas64.Implementation()
	defer blas64.Use(old)
	blas64.Use(mat.Tuned{})

	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	var c mat.Dense
	c.Mul(a, a.T()) // gonum's Dense.Mul, through Tuned.Dgemm
	fmt.Println(c.RawMatrix().Data)
	// Output:
	// [5 11 11 25]
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

// A ByteScale makes compact data, a byte a value, into float64 values b/d,
// exactly as dividing would: here grey levels scaled to [0, 1], as package
// mnist makes its pixels.
func ExampleByteScale() {
	pixels := []byte{0, 51, 255, 102, 0, 0, 0, 0, 204}
	row := make([]float64, len(pixels))
	mat.NewByteScale(255).Expand(row, pixels)
	fmt.Println(row)
	// Output:
	// [0 0.2 1 0.4 0 0 0 0 0.8]
}

// A map of the groups of eight inputs that hold a nonzero, found once,
// serves both products of a training step on a mini-batch x: the forward
// z = x·wᵀ and the weight gradient g = Δᵀ·x. With AVX-512 the sparse
// kernels read the groups from the map instead of searching x; the
// results are Dgemm's either way.
func ExampleNonzeroGroups() {
	x := mat.NewDense(2, 24, nil) // two samples of 24 inputs, mostly blank
	x.Set(0, 3, 1)                // sample 0: ink in group 0 (inputs 0–7)
	x.Set(1, 20, 0.5)             // sample 1: ink in group 2 (inputs 16–23)
	var nz mat.NonzeroGroups
	nz.Find(x)
	for i := range 2 {
		fmt.Println("sample", i, "groups:", nz.Nonzero(i, 0), nz.Nonzero(i, 1), nz.Nonzero(i, 2))
	}

	w := mat.NewDense(1, 24, nil) // one neuron
	for j := range 24 {
		w.Set(0, j, float64(j))
	}
	var z mat.Dense
	mat.Tuned{}.MulABT(&z, 1, x, &nz, w, 0) // z = x·wᵀ
	fmt.Println("z:", z.RawMatrix().Data)

	delta := mat.NewDense(2, 1, []float64{1, 2})
	var g mat.Dense
	mat.Tuned{}.MulATB(&g, 1, delta, x, &nz, 0) // g = Δᵀ·x
	fmt.Println("g[3], g[20]:", g.At(0, 3), g.At(0, 20))
	// Output:
	// sample 0 groups: true false false
	// sample 1 groups: false false true
	// z: [3 10]
	// g[3], g[20]: 1 1
}

// A mini-batch of compact samples is read where the samples lie: the
// index picks the rows, and the byte products give the bits of the
// products on the expanded rows, without writing those out.
func ExampleTuned_MulABTBytes() {
	// Three samples of 16 inputs, one byte each, divided by 255.
	set := []byte{
		0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 51,
		102, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	}
	x := mat.ScaledBytes{Rows: 2, Cols: 16, Stride: 16, Data: set, Scale: mat.NewByteScale(255), Index: []int{1, 0}}
	var nz mat.NonzeroGroups // the map of the mini-batch's blank groups
	nz.Reset(x.Rows, x.Cols)
	for r, i := range x.Index {
		nz.FindBytes(r, set[i*16:(i+1)*16])
	}
	w := mat.NewDense(3, 16, nil) // three neurons
	for j := range 16 {
		w.Set(0, j, 1)
		w.Set(2, j, float64(j))
	}
	var z mat.Dense
	mat.Tuned{Threads: 1}.MulABTBytes(&z, 1, x, &nz, w, 0) // z = x·wᵀ
	fmt.Println("z:", z.RawMatrix().Data)

	delta := mat.NewDense(2, 3, []float64{1, 0, 0, 0, 0, 2})
	mat.Tuned{Threads: 1}.MulATBBytes(w, -1, delta, x, &nz, 1) // w −= Δᵀ·x
	fmt.Println("w[0][0], w[2][8]:", w.At(0, 0), w.At(2, 8))
	// Output:
	// z: [0.4 0 0 1.2 0 11]
	// w[0][0], w[2][8]: 0.6 6
}
