package benchmarks

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
)

// product is one matrix product of training, at the shapes one layer of a
// network gives it.
type product struct {
	op    string
	flops float64
	run   func(impl blas.Float64)
}

// layerProducts lists the products the network does for layer l (the
// seed's numbering, 2 is the first after the input) with weights of
// out×in and mini-batch m, one sample per row. The first layer's inputs
// are MNIST's first m training images, as in training: mat.Tuned leaves
// out the groups of eight pixels that are all blank. The other layers'
// are random.
func layerProducts(b *testing.B, l, in, out, m int) []product {
	rng := newRand(uint64(l*1000 + m))
	w := randDense(rng, out, in)
	a := randDense(rng, m, in) // activations feeding the layer
	if l == 2 && in == mnist.Pixels {
		data, err := mnistData()
		if err != nil {
			b.Fatal(err)
		}
		a = mat.DenseCopyOf(data.Train.Slice(0, m).Dataset().X)
	}
	z := mat.NewDense(m, out, nil)
	delta := randDense(rng, m, out)
	below := mat.NewDense(m, in, nil)
	x, y := randVec(rng, in), mat.NewVecDense(out, nil)
	d, back := randVec(rng, out), mat.NewVecDense(in, nil)
	f := float64(2 * in * out)
	ps := []product{
		// Zᵀ = Aᵀ·Wᵀ: the forward pass.
		{fmt.Sprintf("forward-%d", l), f * float64(m), func(impl blas.Float64) { mat.Mul(impl, z, 1, false, a, true, w, 0) }},
		// W += α·Δ·Aᵀ: the weight gradient added into the weights (BP3, F7).
		{fmt.Sprintf("gradient-%d", l), f * float64(m), func(impl blas.Float64) { mat.Mul(impl, w, -1e-9, true, delta, false, a, 1) }},
	}
	if l > 2 {
		// Δᵀ(l−1) = Δᵀ(l)·W(l): the error passed back (BP2).
		ps = append(ps, product{fmt.Sprintf("backward-%d", l), f * float64(m), func(impl blas.Float64) { mat.Mul(impl, below, 1, false, delta, false, w, 0) }})
	}
	if m == 1 {
		// The per-sample path: z = W·a, δ(l−1) = Wᵀ·δ, W += α·δ·aᵀ.
		ps = append(ps,
			product{fmt.Sprintf("mulvec-%d", l), f, func(impl blas.Float64) { mat.MulVec(impl, y, false, w, x) }},
			product{fmt.Sprintf("mulvec-trans-%d", l), f, func(impl blas.Float64) { mat.MulVec(impl, back, true, w, d) }},
			product{fmt.Sprintf("outer-%d", l), f, func(impl blas.Float64) { mat.AddOuter(impl, w, -1e-9, d, x) }},
		)
	}
	return ps
}

// BenchmarkProduct measures every product of training, at the shapes of
// each network, layer and batch size, for every implementation.
func BenchmarkProduct(b *testing.B) {
	for _, sizes := range networks {
		for _, m := range []int{1, 10, 100} {
			for l := 2; l <= len(sizes); l++ {
				for _, pr := range layerProducts(b, l, sizes[l-2], sizes[l-1], m) {
					for _, im := range impls {
						name := fmt.Sprintf("sizes=%s/batch=%d/op=%s/impl=%s", sizesName(sizes), m, pr.op, im.name)
						b.Run(name, func(b *testing.B) {
							if tooSlow(im, sizes) {
								b.Skip("the textbook loops take minutes on this network")
							}
							b.ReportAllocs()
							for b.Loop() {
								pr.run(im.impl)
							}
							reportGFLOPS(b, pr.flops)
						})
					}
				}
			}
		}
	}
}
