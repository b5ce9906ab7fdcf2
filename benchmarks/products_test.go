package benchmarks

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
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

// BenchmarkMappedProduct measures the first layer's two products on one
// core's shard of a sharded step (half the neurons, MNIST's first images)
// as the step runs them: Tuned's Dgemm, which searches the images for
// their blank groups of pixels in each product (map=search); MulABT and
// MulATB with a map found once for both (map=found, the time of Find
// included once per pair); and with the map mnist makes from its bytes
// while gathering (map=bytes, MapZeros included).
func BenchmarkMappedProduct(b *testing.B) {
	data, err := mnistData()
	if err != nil {
		b.Fatal(err)
	}
	impl := mat.Tuned{Threads: 1}
	for _, sizes := range networks {
		neurons := sizes[1] / 2 / 3 * 3
		for _, m := range []int{10, 100} {
			rng := newRand(uint64(m))
			x := mat.DenseCopyOf(data.Train.Slice(0, m).Dataset().X)
			w, z := randDense(rng, neurons, mnist.Pixels), mat.NewDense(m, neurons, nil)
			delta := randDense(rng, m, neurons)
			indices := make([]int, m)
			for i := range indices {
				indices[i] = i
			}
			mapper := data.Train.Samples().(nn.ZeroMapper)
			var nz mat.NonzeroGroups
			for _, how := range []string{"search", "found", "bytes"} {
				name := fmt.Sprintf("sizes=%s/batch=%d/neurons=%d/map=%s", sizesName(sizes), m, neurons, how)
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						switch how {
						case "search":
							mat.Mul(impl, z, 1, false, x, true, w, 0)
							mat.Mul(impl, w, -1e-9, true, delta, false, x, 1)
							continue
						case "found":
							nz.Find(x)
						case "bytes":
							mapper.MapZeros(&nz, indices)
						}
						impl.MulABT(z, 1, x, &nz, w, 0)
						impl.MulATB(w, -1e-9, delta, x, &nz, 1)
					}
					reportGFLOPS(b, 4*float64(m*neurons*mnist.Pixels))
				})
			}
		}
	}
}
