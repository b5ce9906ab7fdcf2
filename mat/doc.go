// Package mat holds the matrix layer the network runs on: the products
// backpropagation needs, computed by any gonum BLAS, and the element-wise
// kernels (sigmoid, its derivative fused with the Hadamard product, bias
// broadcast, row sums, bytes made doubles b/d).
//
// # One seam: gonum's BLAS
//
// The products go through gonum's [blas.Float64] interface, the seam that
// gonum's own mat package uses: [Mul], [MulVec] and [AddOuter] check the
// shapes of gonum matrices and call an implementation's Dgemm, Dgemv and
// Dger. This package adds three implementations of that interface:
//
//   - [Naive]: the textbook loops over the raw row-major data, the reference
//     every other implementation is tested against.
//   - [Gonum]: gonum's pure Go BLAS, with Dgemm kept on one goroutine.
//   - [Tuned]: this package's own kernels for the two products that
//     dominate training, in AVX2 or AVX-512 assembly where the processor has
//     it and plain Go elsewhere (and with the purego tag); Gonum for the
//     rest.
//
// Each embeds gonum's implementation and overrides only what it does
// itself, so each is a complete BLAS: blas64.Use(mat.Tuned{}) makes every
// gonum product of a program use the tuned kernels. OpenBLAS plugs in the
// same way, through gonum's netlib package: in the build with the openblas
// tag (go build -tags openblas, after installing Debian's libopenblas-dev)
// blas64 uses it and [OpenBLAS] names it. [Default] picks the fastest for
// the build.
//
// # Zeros
//
// With AVX-512, [Tuned] leaves out of a product the groups of eight
// inputs that are all zero (the blank pixels of a digit, for one), when
// the first rows have enough of them to pay for the search. Since a
// multiply-add of zero adds nothing, the results are the same, bit for
// bit, as with the dense kernels; TestSparseSameBitsAsDense checks it at
// every edge of the kernels' blocking. Dgemm searches its operand in every
// product; [Tuned.MulABT] and [Tuned.MulATB] take a [NonzeroGroups] map
// instead, found once for the two products of a training step, or made
// from compact data where that is cheaper ([NonzeroGroups.FindBytes]).
//
// # Bytes
//
// Compact data, one byte a value that a [ByteScale] makes a double, is a
// [ScaledBytes] matrix, whose rows may be picked from a larger set by an
// index: a mini-batch of MNIST digits where they lie. [Tuned.MulABTBytes]
// and [Tuned.MulATBBytes] take it where MulABT and MulATB take the
// expanded matrix, and give the same bits; with AVX-512, divisor 255 and
// up to sixteen neurons ([Tuned.ReadsBytes]), the sparse kernels load
// the bytes themselves and turn each group of eight into doubles in a
// register, as ByteScale does, so the doubles are never written out.
//
// # Threads
//
// [Tuned]'s Dgemm runs a large product (2²⁰ multiply-adds or more, and
// 2²⁵ when the weights fit in a core's cache) on Tuned.Threads cores,
// every core when it is 0: strips of the destination that the caller and
// worker goroutines claim in turn. The workers are
// started once and live as long as the program, spinning for a few tens
// of microseconds before they park, so that the steps of training do not
// pay for waking them. The strips start where the kernels' groups start,
// so each element is computed exactly as on one thread: the results are
// the same, bit for bit, on any number of cores. Smaller products stay on
// the caller's goroutine: moving a strip of the weights from one core's
// cache to another costs more than the second core saves. On the seed's
// [784, 30, 10] that is every product up to batch 1000.
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
//   - The first argument after the BLAS is the destination, as in gonum:
//     Mul(impl, c, ...) writes c. An empty destination is sized for you when
//     its old contents are not read (beta == 0).
//   - A destination must not share memory with an operand.
//   - Shape misuse, and arguments that break the BLAS rules, are
//     programming errors and panic with a message that starts with
//     "mat: " (gonum's own routines panic with "blas: "). Nothing in this
//     package depends on data, so it returns no errors.
//   - The element-wise kernels work on []float64 (the Data of a contiguous
//     RawMatrix or RawVector) in tight loops, without a closure per element.
package mat
