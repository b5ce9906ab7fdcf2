package benchmarks

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// BenchmarkStep measures one SGD step on a mini-batch, done the two ways
// the library can: the whole batch as matrix products (Network.Step), or
// sample by sample with MulVec and rank-1 updates, as the cookbook writes
// it (AddSampleGradient for each sample, then AddScaled).
func BenchmarkStep(b *testing.B) {
	for _, sizes := range networks {
		for _, m := range []int{1, 10, 100} {
			rng := newRand(uint64(m))
			x, y := randDense(rng, m, sizes[0]), randDense(rng, m, sizes[len(sizes)-1])
			xs, ys := rows(x), rows(y)
			flops := flopsPerEpoch(sizes, m, m)
			for _, path := range []string{"batch", "sample"} {
				for _, im := range impls {
					name := fmt.Sprintf("sizes=%s/batch=%d/path=%s/impl=%s", sizesName(sizes), m, path, im.name)
					b.Run(name, func(b *testing.B) {
						if tooSlow(im, sizes) {
							b.Skip("the textbook loops take minutes on this network")
						}
						net := mustNew(b, sizes, im.impl)
						g := net.NewGradients()
						step := func() {
							if path == "batch" {
								if _, err := net.Step(x, y, 0.01); err != nil {
									b.Fatal(err)
								}
								return
							}
							g.Zero()
							for i := range xs {
								if _, err := net.AddSampleGradient(g, xs[i], ys[i]); err != nil {
									b.Fatal(err)
								}
							}
							net.AddScaled(-0.01/float64(m), g)
						}
						step()
						b.ReportAllocs()
						for b.Loop() {
							step()
						}
						reportGFLOPS(b, flops)
					})
				}
			}
		}
	}
}

func rows(m *mat.Dense) []*mat.VecDense {
	r, c := m.Dims()
	out := make([]*mat.VecDense, r)
	for i := range out {
		out[i] = mat.NewVecDense(c, append([]float64(nil), m.RawMatrix().Data[i*c:(i+1)*c]...))
	}
	return out
}

var mnistData = sync.OnceValues(mnist.Load)

// BenchmarkEpoch measures one epoch of training on the 50,000 MNIST
// training images (5,000 with -short), shuffled, as cmd/train does it:
// from mnist's compact samples, one byte a pixel, gathered into float64
// rows a mini-batch at a time. One op is one epoch: ns/op is the mean
// over the b.N epochs of one Train call. median-ns/epoch is their median,
// each epoch as Train times it (EpochReport.Duration), the statistic
// matrix_net.py reports; benchmarks/sidebyside compares the two programs
// by it.
func BenchmarkEpoch(b *testing.B) {
	d, err := mnistData()
	if err != nil {
		b.Fatal(err)
	}
	set := d.Train
	if testing.Short() {
		set = set.Slice(0, 5000)
	}
	train := set.Samples()
	for _, sizes := range networks {
		for _, m := range []int{10, 100, 1000} {
			for _, im := range impls {
				name := fmt.Sprintf("sizes=%s/batch=%d/impl=%s", sizesName(sizes), m, im.name)
				b.Run(name, func(b *testing.B) {
					if tooSlow(im, sizes) {
						b.Skip("the textbook loops take minutes on this network")
					}
					net := mustNew(b, sizes, im.impl)
					epochs := make([]time.Duration, 0, b.N)
					b.ReportAllocs()
					b.ResetTimer()
					// b.N epochs in one Train call: one op is one epoch, and
					// Train's one-off checks of the data are spread over them.
					err := net.Train(context.Background(), train, nn.Settings{
						Epochs: b.N, BatchSize: m, LearningRate: 3, Shuffle: newRand(2),
						Report: func(r nn.EpochReport) error { epochs = append(epochs, r.Duration); return nil },
					})
					if err != nil {
						b.Fatal(err)
					}
					reportGFLOPS(b, flopsPerEpoch(sizes, set.Len(), m))
					b.ReportMetric(float64(medianDuration(epochs)), "median-ns/epoch")
				})
			}
		}
	}
}

// BenchmarkEvaluate measures the evaluation of the 10,000 MNIST test
// images, as cmd/train evaluates the validation and test sets after every
// epoch: chunks of samples fed forward as whole-batch products.
func BenchmarkEvaluate(b *testing.B) {
	d, err := mnistData()
	if err != nil {
		b.Fatal(err)
	}
	test := d.Test.Samples()
	for _, sizes := range networks {
		for _, im := range impls {
			b.Run(fmt.Sprintf("sizes=%s/impl=%s", sizesName(sizes), im.name), func(b *testing.B) {
				if tooSlow(im, sizes) {
					b.Skip("the textbook loops take minutes on this network")
				}
				net := mustNew(b, sizes, im.impl)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := net.Evaluate(test); err != nil {
						b.Fatal(err)
					}
				}
				var flops float64
				for l := 1; l < len(sizes); l++ {
					flops += 2 * float64(sizes[l-1]*sizes[l])
				}
				reportGFLOPS(b, flops*10000)
			})
		}
	}
}

// medianDuration returns the median of d, which it sorts.
func medianDuration(d []time.Duration) time.Duration {
	slices.Sort(d)
	n := len(d)
	if n%2 == 1 {
		return d[n/2]
	}
	return (d[n/2-1] + d[n/2]) / 2
}
