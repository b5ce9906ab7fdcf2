package nn_test

import (
	"math"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/internal/testrand"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

var (
	newRand     = testrand.New
	randomBatch = testrand.Batch
)

func mustNew(t testing.TB, sizes []int, seed uint64) *nn.Network {
	t.Helper()
	net, err := nn.New(sizes, newRand(seed))
	if err != nil {
		t.Fatalf("New(%v): %v", sizes, err)
	}
	return net
}

func rowVec(m *mat.Dense, i int) *mat.VecDense {
	_, c := m.Dims()
	v := mat.NewVecDense(c, nil)
	for j := range c {
		v.SetVec(j, m.At(i, j))
	}
	return v
}

// relErr is ‖a − b‖ / (‖a‖ + ‖b‖) over all the elements of two lists of
// equally shaped matrices, 0 when both are zero.
func relErr(a, b []float64) float64 {
	var diff, na, nb float64
	for i := range a {
		d := a[i] - b[i]
		diff += d * d
		na += a[i] * a[i]
		nb += b[i] * b[i]
	}
	if na+nb == 0 {
		return 0
	}
	return math.Sqrt(diff) / (math.Sqrt(na) + math.Sqrt(nb))
}

// flatten lists every gradient element, weights then biases, layer by layer.
func flatten(g *nn.Gradients) []float64 {
	var out []float64
	for i := range g.Weights {
		out = append(out, g.Weights[i].RawMatrix().Data...)
		out = append(out, g.Biases[i].RawVector().Data...)
	}
	return out
}

// sameParams fails t, saying what, for every layer whose weights or biases
// differ between got and want by more than tol (0: bit for bit).
func sameParams(t *testing.T, got, want *nn.Network, tol float64, what string) {
	t.Helper()
	wg, bg := got.Params()
	ww, bw := want.Params()
	for i := range wg {
		if !mat.EqualApprox(wg[i], ww[i], tol) || !mat.EqualApprox(bg[i], bw[i], tol) {
			t.Errorf("layer %d: %s", i+2, what)
		}
	}
}

// contains reports whether err is not nil and its message contains s.
func contains(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }

// errString lets contains read a recovered panic message.
type errString string

func (e errString) Error() string { return string(e) }
