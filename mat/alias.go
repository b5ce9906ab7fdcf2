package mat

import (
	gonum "gonum.org/v1/gonum/mat"
)

// Dense is gonum's dense row-major matrix.
type Dense = gonum.Dense

// VecDense is gonum's dense vector.
type VecDense = gonum.VecDense

// Matrix is gonum's matrix interface.
type Matrix = gonum.Matrix

// Vector is gonum's vector interface.
type Vector = gonum.Vector

// NewDense returns an r×c matrix backed by data (row-major), or a zeroed one
// when data is nil. It is gonum's mat.NewDense.
func NewDense(r, c int, data []float64) *Dense { return gonum.NewDense(r, c, data) }

// NewVecDense returns a vector of length n backed by data, or a zeroed one
// when data is nil. It is gonum's mat.NewVecDense.
func NewVecDense(n int, data []float64) *VecDense { return gonum.NewVecDense(n, data) }

// EqualApprox reports whether a and b have the same shape and all elements
// within tol of each other, absolutely or relatively. It is gonum's
// mat.EqualApprox.
func EqualApprox(a, b Matrix, tol float64) bool { return gonum.EqualApprox(a, b, tol) }

// DenseCopyOf returns a newly allocated copy of the elements of a. It is
// gonum's mat.DenseCopyOf.
func DenseCopyOf(a Matrix) *Dense { return gonum.DenseCopyOf(a) }
