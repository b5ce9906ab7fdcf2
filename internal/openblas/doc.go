// Package openblas switches gonum's BLAS to OpenBLAS when the module is
// built with the openblas tag; in the default build it is empty. It is a
// package of its own because a package cannot hold both cgo and Go
// assembly, and mat holds assembly.
//
// Importing it for its effect (mat does, in the openblas build) makes every
// BLAS call go to OpenBLAS, gonum's own mat package included. OpenBLAS is
// given Threads threads unless the environment variable
// OPENBLAS_NUM_THREADS says otherwise.
package openblas
