// Package mat holds the matrix layer the network runs on: the products
// backpropagation needs, behind the [Products] interface with a BLAS and a
// naive implementation, and the element-wise kernels (sigmoid, its
// derivative fused with the Hadamard product, bias broadcast, row sums).
//
// # One mat for the whole repository
//
// gonum's matrix package is also called mat. So that no file of this module
// juggles two packages of one name, this package re-exports gonum's [Dense],
// [VecDense], [Matrix] and [Vector] as type aliases: the rest of the module
// imports only this package, and every value is still a gonum value that can
// be passed to any gonum function.
//
// # Rules
//
//   - Matrices are row-major, as gonum stores them. A mini-batch holds one
//     sample per row (see package nn for why).
//   - The receiver, or the first argument, is the destination, as in gonum:
//     p.Mul(c, ...) writes c. An empty destination is sized for you when its
//     old contents are not read (beta == 0).
//   - A destination must not share memory with an operand.
//   - Shape misuse is a programming error and panics with a message that
//     starts with "mat: ". Nothing in this package depends on data, so it
//     returns no errors.
//   - The element-wise kernels work on []float64 (the Data of a contiguous
//     RawMatrix or RawVector) in tight loops, without a closure per element.
package mat
