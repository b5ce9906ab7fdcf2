//go:build !amd64 || purego

package mat

// hasAVX2FMA is false: there are no assembly kernels for this platform.
const hasAVX2FMA = false

func dot8(w []float64, xs *[8][]float64, out *[8]float64) { dot8Go(w, xs, out) }

func axpy8(y []float64, xs *[8][]float64, c *[8]float64) { axpy8Go(y, xs, c) }
