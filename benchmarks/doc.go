// Package benchmarks holds the project's benchmarks: the matrix products
// the network does, one SGD step, and one epoch of MNIST training, each
// with every BLAS implementation (mat.Naive, mat.Gonum, mat.Tuned and, in
// the openblas build, OpenBLAS) side by side. It has no code of its own;
// see README.md in this folder for how to run and compare them, and the
// command sidebyside, which times an epoch against numpy's matrix_net.py,
// alternating the two.
package benchmarks
