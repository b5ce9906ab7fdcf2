//go:build openblas

package main

import (
	"github.com/vzorecky/backprop/internal/openblas"
	"github.com/vzorecky/backprop/mat"
)

func init() {
	products["openblas"] = mat.OpenBLAS
	setOpenBLASThreads = openblas.SetThreads
}
