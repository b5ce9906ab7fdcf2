package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/vzorecky/backprop/mat"
)

// TestDropoutKeepsTheExpectation applies dropout to 200,000 activations of
// 1: the kept values average 1, the expectation inverted dropout keeps,
// within five standard deviations of the mean, √(p/((1 − p)·N)); and about
// p of them are dropped.
func TestDropoutKeepsTheExpectation(t *testing.T) {
	const rows, cols = 1000, 200
	for _, p := range []float64{0.2, 0.5, 0.8} {
		a := mat.NewDense(rows, cols, nil)
		for i := range a.RawMatrix().Data {
			a.RawMatrix().Data[i] = 1
		}
		d := &dropout{rate: p, rng: rand.New(rand.NewPCG(1, 2))}
		d.apply(0, a)
		var sum float64
		dropped := 0
		for _, v := range flat(&d.kept[0].Dense) {
			sum += v
			if v == 0 {
				dropped++
			}
		}
		n := float64(rows * cols)
		if tol := 5 * math.Sqrt(p/((1-p)*n)); math.Abs(sum/n-1) > tol {
			t.Errorf("p = %v: mean kept activation %v, want 1 ± %.4f", p, sum/n, tol)
		}
		if tol := 5 * math.Sqrt(p*(1-p)/n); math.Abs(float64(dropped)/n-p) > tol {
			t.Errorf("p = %v: %v dropped, want %v ± %.4f", p, float64(dropped)/n, p, tol)
		}
	}
}

// TestDropoutGradient checks the batch gradient with a dropout mask
// against finite differences of the cost with the same mask: a source
// seeded alike draws the same mask for every evaluation.
func TestDropoutGradient(t *testing.T) {
	sizes := []int{4, 6, 5, 3}
	net, err := New(sizes, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	net.SetActivations(Tanh{}, Sigmoid{})
	rng := rand.New(rand.NewPCG(5, 6))
	x, y := mat.NewDense(7, 4, nil), mat.NewDense(7, 3, nil)
	for i := range x.RawMatrix().Data {
		x.RawMatrix().Data[i] = rng.NormFloat64()
	}
	for i := range y.RawMatrix().Data {
		y.RawMatrix().Data[i] = rng.Float64()
	}
	masked := func() { net.batch.dropout = &dropout{rate: 0.4, rng: rand.New(rand.NewPCG(7, 8))} }
	masked()
	g := net.NewGradients()
	net.backpropBatch(x, y)
	for i := range net.layers {
		net.addWeightGradient(i, g.Weights[i], 1, 0)
		net.addBiasGradient(i, g.Biases[i], 1, 0)
	}
	cost := func() float64 { masked(); return net.backpropBatch(x, y) * 7 }
	const h = 1e-6
	var diff, norms float64
	for i, l := range net.layers {
		for _, p := range []struct {
			data, grad []float64
		}{{l.w.RawMatrix().Data, g.Weights[i].RawMatrix().Data}, {l.b.RawVector().Data, g.Biases[i].RawVector().Data}} {
			for k, old := range p.data {
				p.data[k] = old + h
				plus := cost()
				p.data[k] = old - h
				minus := cost()
				p.data[k] = old
				numeric := (plus - minus) / (2 * h)
				diff += (numeric - p.grad[k]) * (numeric - p.grad[k])
				norms += numeric * numeric
			}
		}
	}
	net.batch.dropout = nil
	// ‖numeric − analytic‖ / ‖numeric‖, as the other gradient checks have it.
	if e := math.Sqrt(diff / norms); e > 1e-6 {
		t.Errorf("relative error %.3g against finite differences, want ≤ 1e-6", e)
	} else {
		t.Logf("relative error %.3g", e)
	}
}
