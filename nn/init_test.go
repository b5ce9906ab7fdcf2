package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/nn"
)

func TestNewIsInitNormal(t *testing.T) {
	sizes := []int{5, 4, 3}
	a := mustNew(t, sizes, 3)
	b, err := nn.NewInit(sizes, nn.InitNormal, newRand(3))
	if err != nil {
		t.Fatal(err)
	}
	sameParams(t, b, a, 0, "NewInit(normal) differs from New")
}

// TestInitScaled checks network2.py's draw: each weight is the normal
// draw New would make, divided by √n_in; the biases are New's.
func TestInitScaled(t *testing.T) {
	sizes := []int{9, 4, 3}
	plain := mustNew(t, sizes, 4)
	scaled, err := nn.NewInit(sizes, nn.InitScaled, newRand(4))
	if err != nil {
		t.Fatal(err)
	}
	wp, bp := plain.Params()
	ws, bs := scaled.Params()
	for l := range wp {
		_, in := wp[l].Dims()
		for i, v := range wp[l].RawMatrix().Data {
			if want := v / math.Sqrt(float64(in)); ws[l].RawMatrix().Data[i] != want {
				t.Fatalf("layer %d weight %d = %v, want %v", l+2, i, ws[l].RawMatrix().Data[i], want)
			}
		}
		for i, v := range bp[l].RawVector().Data {
			if bs[l].AtVec(i) != v {
				t.Fatalf("layer %d bias %d = %v, want %v", l+2, i, bs[l].AtVec(i), v)
			}
		}
	}
}

// TestInitSpread checks the standard deviation of He and Glorot weights
// on a large layer, and that their biases start at 0.
func TestInitSpread(t *testing.T) {
	const in, out = 784, 300
	tests := []struct {
		init nn.Init
		std  float64
	}{
		{nn.InitNormal, 1},
		{nn.InitScaled, 1 / math.Sqrt(in)},
		{nn.InitHe, math.Sqrt(2.0 / in)},
		{nn.InitGlorot, math.Sqrt(2.0 / (in + out))},
	}
	for _, tt := range tests {
		net, err := nn.NewInit([]int{in, out}, tt.init, newRand(5))
		if err != nil {
			t.Fatal(err)
		}
		if net.Trained.Init != tt.init {
			t.Errorf("%s: recorded init %q", tt.init, net.Trained.Init)
		}
		w, b := net.Params()
		var sq float64
		for _, v := range w[0].RawMatrix().Data {
			sq += v * v
		}
		// 235,200 draws: the sample deviation is within 1 % of the true one.
		if got := math.Sqrt(sq / (in * out)); math.Abs(got/tt.std-1) > 0.01 {
			t.Errorf("%s: weights' standard deviation %v, want %v", tt.init, got, tt.std)
		}
		zero := tt.init == nn.InitHe || tt.init == nn.InitGlorot
		if got := b[0].AtVec(0) == 0 && b[0].AtVec(out-1) == 0; got != zero {
			t.Errorf("%s: biases %v, %v; want zero biases %t", tt.init, b[0].AtVec(0), b[0].AtVec(out-1), zero)
		}
	}
	if _, err := nn.ParseInit("xavier"); !contains(err, "want one of") {
		t.Errorf("ParseInit(xavier) = %v", err)
	}
	if _, err := nn.NewInit([]int{2, 2}, "uniform", newRand(1)); !contains(err, "Init uniform") {
		t.Errorf("NewInit(uniform) = %v", err)
	}
}
