// Package mat holds the matrix layer the network runs on: the products
// backpropagation needs, behind the [Products] interface, and the
// element-wise kernels (sigmoid, its derivative fused with the Hadamard
// product, bias broadcast, row sums).
//
// # Three implementations of the products
//
//   - [Naive]: the textbook loops over the raw row-major data, the reference
//     every other implementation is tested against.
//   - [BLAS]: gonum's blas64, pure Go by default; OpenBLAS in the build with
//     the openblas tag (go build -tags openblas, after installing Debian's
//     libopenblas-dev), where OpenBLAS also exists by name.
//   - [Tuned]: this package's own kernels for the two products that
//     dominate training, in AVX2 or AVX-512 assembly where the processor has
//     it and plain Go elsewhere (and with the purego tag).
//
// [Default] picks the fastest for the build.
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
