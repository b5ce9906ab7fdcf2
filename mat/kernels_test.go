package mat_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
)

func TestSigmoidKnownAnswers(t *testing.T) {
	tests := []struct{ z, want float64 }{
		{0, 0.5},
		{1, 0.7310585786300049},
		{-1, 0.2689414213699951},
		{1000, 1},
		{-1000, 0},
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
	}
	for _, tt := range tests {
		got := []float64{0}
		mat.Sigmoid(got, []float64{tt.z})
		if math.Abs(got[0]-tt.want) > 1e-15 || math.IsNaN(got[0]) {
			t.Errorf("σ(%v) = %v, want %v", tt.z, got[0], tt.want)
		}
	}
}

func TestSigmoidInPlace(t *testing.T) {
	z := []float64{-2, 0, 3}
	mat.Sigmoid(z, z)
	for i, v := range []float64{-2, 0, 3} {
		if want := 1 / (1 + math.Exp(-v)); z[i] != want {
			t.Errorf("in place σ(%v) = %v, want %v", v, z[i], want)
		}
	}
}

func TestMulSigmoidPrime(t *testing.T) {
	for _, z := range []float64{-30, -2, -0.5, 0, 0.1, 4, 1000} {
		a := []float64{0}
		mat.Sigmoid(a, []float64{z})
		d := []float64{3}
		mat.MulSigmoidPrime(d, a)
		// σ' against a central difference of σ itself, not the formula under test.
		h := 1e-5
		hi, lo := []float64{0}, []float64{0}
		mat.Sigmoid(hi, []float64{z + h})
		mat.Sigmoid(lo, []float64{z - h})
		numeric := (hi[0] - lo[0]) / (2 * h)
		if math.Abs(d[0]-3*numeric) > 1e-9 {
			t.Errorf("3·σ'(%v) = %v, numeric %v", z, d[0], 3*numeric)
		}
	}
	if d := []float64{1}; true {
		mat.MulSigmoidPrime(d, []float64{0.5})
		if d[0] != 0.25 {
			t.Errorf("σ'(0) = %v, want 0.25", d[0])
		}
	}
}

func TestHadamard(t *testing.T) {
	x, y := []float64{1, -2, 3}, []float64{4, 5, -6}
	mat.Hadamard(x, x, y)
	want := []float64{4, -10, -18}
	for i := range want {
		if x[i] != want[i] {
			t.Errorf("Hadamard[%d] = %v, want %v", i, x[i], want[i])
		}
	}
}

func TestAddRowVecAndRowSum(t *testing.T) {
	m := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	mat.AddRowVec(m, mat.NewVecDense(2, []float64{10, 100}))
	want := mat.NewDense(3, 2, []float64{11, 102, 13, 104, 15, 106})
	if !mat.EqualApprox(m, want, 0) {
		t.Errorf("AddRowVec = %v, want %v", m.RawMatrix().Data, want.RawMatrix().Data)
	}
	// The rows of m sum to (39, 312).
	tests := []struct {
		beta      float64
		dst, want []float64
	}{
		{1, []float64{1, 1}, []float64{20.5, 157}},
		{0, []float64{math.NaN(), 7}, []float64{19.5, 156}},
		{-2, []float64{1, 3}, []float64{17.5, 150}},
	}
	for _, tt := range tests {
		sum := mat.NewVecDense(2, tt.dst)
		mat.RowSum(sum, 0.5, m, tt.beta)
		if sum.AtVec(0) != tt.want[0] || sum.AtVec(1) != tt.want[1] {
			t.Errorf("RowSum with beta %v = %v, want %v", tt.beta, sum.RawVector().Data, tt.want)
		}
	}
}

func TestViewRows(t *testing.T) {
	src := mat.NewDense(4, 2, []float64{0, 1, 2, 3, 4, 5, 6, 7})
	var v mat.Dense
	mat.ViewRows(&v, src, 1, 3)
	want := mat.NewDense(2, 2, []float64{2, 3, 4, 5})
	if !mat.EqualApprox(&v, want, 0) {
		t.Errorf("ViewRows(1, 3) = %v, want %v", v.RawMatrix().Data, want.RawMatrix().Data)
	}
	v.Set(0, 0, 42)
	if src.At(1, 0) != 42 {
		t.Errorf("ViewRows copied instead of sharing")
	}
	if allocs := testing.AllocsPerRun(10, func() { mat.ViewRows(&v, src, 2, 4) }); allocs != 0 {
		t.Errorf("ViewRows allocates %v times", allocs)
	}
}

func TestKernelsLengthMismatchPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Sigmoid":         func() { mat.Sigmoid(make([]float64, 2), make([]float64, 3)) },
		"MulSigmoidPrime": func() { mat.MulSigmoidPrime(make([]float64, 2), make([]float64, 1)) },
		"Hadamard":        func() { mat.Hadamard(make([]float64, 2), make([]float64, 2), make([]float64, 1)) },
		"AddRowVec":       func() { mat.AddRowVec(mat.NewDense(2, 2, nil), mat.NewVecDense(3, nil)) },
		"RowSum":          func() { mat.RowSum(mat.NewVecDense(3, nil), 1, mat.NewDense(2, 2, nil), 1) },
		"ViewRows":        func() { mat.ViewRows(&mat.Dense{}, mat.NewDense(2, 2, nil), 1, 3) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if msg, _ := recover().(string); len(msg) < 5 || msg[:5] != "mat: " {
					t.Errorf("panic %q, want a \"mat: \" message", msg)
				}
			}()
			f()
		})
	}
}
