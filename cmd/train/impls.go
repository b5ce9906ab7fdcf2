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
	for name, q := range products {
		if p == q && name == "tuned" {
			return name + " (" + mat.TunedKernels() + ")"
		}
		if p == q {
			return name
		}
	}
	return "unnamed"
}
