package main

import (
	"slices"

	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/mat"
)

// products are the implementations -impl can name; the openblas build adds
// one.
var products = map[string]blas.Float64{
	"tuned": mat.Tuned{},
	"gonum": mat.Gonum{},
	"naive": mat.Naive{},
}

// setOpenBLASThreads sets OpenBLAS's threads in the openblas build.
var setOpenBLASThreads = func(int) {}

// withThreads returns p running on at most threads cores, 0 meaning every
// one, for Tuned, whose results are the same on any number. OpenBLAS's
// are not (it splits its sums at batch 100), so it keeps its one thread,
// or OPENBLAS_NUM_THREADS, unless threads is given. Naive and gonum run on
// one.
func withThreads(p blas.Float64, threads int) blas.Float64 {
	if t, ok := p.(mat.Tuned); ok {
		t.Threads = threads
		return t
	}
	if implName(p) == "openblas" && threads > 0 {
		setOpenBLASThreads(threads)
	}
	return p
}

func implNames() []string {
	names := make([]string, 0, len(products))
	for name := range products {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// implName returns the -impl name of p, and for tuned which kernels it
// runs here.
func implName(p blas.Float64) string {
	if _, ok := p.(mat.Tuned); ok {
		return "tuned (" + mat.TunedKernels() + ")"
	}
	for name, q := range products {
		if p == q {
			return name
		}
	}
	return "unnamed"
}
