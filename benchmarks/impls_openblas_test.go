//go:build openblas

package benchmarks

import "github.com/vzorecky/backprop/mat"

func init() { impls = append(impls, impl{"openblas", mat.OpenBLAS}) }
