// Package benchmarks holds the project's benchmarks: the matrix products
// the network does, one SGD step, and one epoch of MNIST training, each
// with every implementation of mat.Products side by side. It has no code
// of its own; see README.md in this folder for how to run and compare them.
package benchmarks
