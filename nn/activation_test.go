package nn_test

import (
	"math"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// checkKnown checks act on one sample against values worked out by hand:
// a = σ(z), and d ⊙ σ'(z) for the given d.
func checkKnown(t *testing.T, act nn.Activation, z, wantA, d, wantD []float64) {
	t.Helper()
	n := len(z)
	zm, a, dm := mat.NewDense(1, n, z), mat.NewDense(1, n, nil), mat.NewDense(1, n, append([]float64(nil), d...))
	act.Apply(a, zm)
	act.Backward(dm, zm, a)
	for i := range n {
		if got := a.At(0, i); math.Abs(got-wantA[i]) > 1e-15 {
			t.Errorf("%s(%v) = %v, want %v", act.Name(), z[i], got, wantA[i])
		}
		if got := dm.At(0, i); math.Abs(got-wantD[i]) > 1e-15 {
			t.Errorf("%v ⊙ %s'(%v) = %v, want %v", d[i], act.Name(), z[i], got, wantD[i])
		}
	}
}

// checkBackward checks act.Backward against finite differences of
// act.Apply at z: with C = Σ d∘σ(z) for a random d, Backward(d) must be
// ∂C/∂z. It works for any activation, element-wise or not.
func checkBackward(t *testing.T, act nn.Activation, z *mat.Dense) {
	t.Helper()
	r, c := z.Dims()
	rng := newRand(uint64(r*100 + c))
	d := mat.NewDense(r, c, nil)
	for i := range d.RawMatrix().Data {
		d.RawMatrix().Data[i] = rng.NormFloat64()
	}
	cost := func() float64 {
		a := mat.NewDense(r, c, nil)
		act.Apply(a, z)
		var s float64
		for i, v := range a.RawMatrix().Data {
			s += d.RawMatrix().Data[i] * v
		}
		return s
	}
	a := mat.NewDense(r, c, nil)
	act.Apply(a, z)
	got := mat.DenseCopyOf(d)
	act.Backward(got, z, a)
	const h = 1e-6
	zd := z.RawMatrix().Data
	for i, old := range zd {
		zd[i] = old + h
		plus := cost()
		zd[i] = old - h
		minus := cost()
		zd[i] = old
		want := (plus - minus) / (2 * h)
		if g := got.RawMatrix().Data[i]; math.Abs(g-want) > 1e-7*(1+math.Abs(want)) {
			t.Errorf("%s: ∂C/∂z[%d] = %v, finite differences %v", act.Name(), i, g, want)
		}
	}
}

func TestSigmoidNeedsContiguousMatrices(t *testing.T) {
	wide := mat.NewDense(3, 4, nil)
	view := wide.Slice(0, 3, 0, 2).(*mat.Dense)
	defer func() {
		if msg, _ := recover().(string); !strings.HasPrefix(msg, "nn: ") {
			t.Errorf("panic %q, want an \"nn: \" message", msg)
		}
	}()
	nn.Sigmoid{}.Apply(view, view)
}
