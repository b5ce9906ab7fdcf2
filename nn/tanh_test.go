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
	ln2 := math.Log(2)
	checkKnown(t, nn.Tanh{}, []float64{0, ln2, -ln2}, []float64{0, 0.6, -0.6},
		[]float64{1, 1, -2}, []float64{1, 0.64, -1.28})
	checkBackward(t, nn.Tanh{}, mat.NewDense(2, 3, []float64{-3, -0.5, 0, 0.1, 2, 8}))
}

func TestTanhNetworkGradient(t *testing.T) {
	sizes := []int{3, 4, 2}
	net := mustNew(t, sizes, 7)
	net.SetActivations(nn.Tanh{}, nn.Tanh{})
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
	if _, ok := loaded.Activations[0].(nn.Tanh); !ok {
		t.Errorf("a saved tanh network loads with activations %v", loaded.Activations)
	}
}
