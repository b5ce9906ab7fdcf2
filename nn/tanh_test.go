package nn_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestTanh(t *testing.T) {
	// tanh(ln 2) = (2 − ½)/(2 + ½) = 0.6, and 1 − 0.6² = 0.64.
	z := mat.NewDense(1, 3, []float64{0, math.Log(2), -math.Log(2)})
	a := mat.NewDense(1, 3, nil)
	nn.Tanh{}.Apply(a, z)
	d := mat.NewDense(1, 3, []float64{1, 1, -2})
	nn.Tanh{}.Backward(d, z, a)
	for i, want := range [][2]float64{{0, 1}, {0.6, 0.64}, {-0.6, -1.28}} {
		if math.Abs(a.At(0, i)-want[0]) > 1e-15 || math.Abs(d.At(0, i)-want[1]) > 1e-15 {
			t.Errorf("z = %v: σ = %v, d ⊙ σ' = %v; want %v", z.At(0, i), a.At(0, i), d.At(0, i), want)
		}
	}
	checkBackward(t, nn.Tanh{}, mat.NewDense(2, 3, []float64{-3, -0.5, 0, 0.1, 2, 8}))
}

func TestTanhNetworkGradient(t *testing.T) {
	sizes := []int{3, 4, 2}
	net := mustNew(t, sizes, 7)
	net.Activation = nn.Tanh{}
	x, y := randomBatch(sizes, 5, 8)
	var g nn.Gradients
	if _, err := net.Gradient(&g, x, y); err != nil {
		t.Fatal(err)
	}
	if e := relErr(flatten(&g), numericGradient(t, net, x, y)); e > 1e-6 {
		t.Errorf("relative error %.3g against finite differences, want < 1e-6", e)
	}
	var file bytes.Buffer
	if err := net.Save(&file); err != nil {
		t.Fatal(err)
	}
	loaded, err := nn.Load(&file)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := loaded.Activation.(nn.Tanh); !ok {
		t.Errorf("a saved tanh network loads with activation %v", loaded.Activation)
	}
}
