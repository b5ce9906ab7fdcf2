package mat_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/vzorecky/backprop/mat"
)

const productTol = 1e-12

func randDense(rng *rand.Rand, r, c int) *mat.Dense {
	d := mat.NewDense(r, c, nil)
	raw := d.RawMatrix()
	for i := range raw.Data {
		raw.Data[i] = rng.NormFloat64()
	}
	return d
}

func randVec(rng *rand.Rand, n int) *mat.VecDense {
	v := mat.NewVecDense(n, nil)
	for i := range n {
		v.SetVec(i, rng.NormFloat64())
	}
	return v
}

// strided returns a copy of d stored with a row stride wider than its
// width, so that the kernels' stride handling is exercised too.
func strided(d *mat.Dense) *mat.Dense {
	r, c := d.Dims()
	wide := mat.NewDense(r, c+3, nil)
	view := wide.Slice(0, r, 1, c+1).(*mat.Dense)
	view.Copy(d)
	return view
}

var shapes = []struct{ m, n, k int }{
	{1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {2, 13, 1},
	{30, 10, 784}, {10, 784, 30}, {30, 784, 10}, {100, 10, 30}, {17, 33, 65},
}

// fastProducts are the implementations checked against Naive.
var fastProducts = []struct {
	name string
	p    mat.Products
}{{"blas", mat.BLAS{}}, {"gonum", mat.GonumBLAS}, {"tuned", mat.Tuned{}}}

func TestMulMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range append(shapes, struct{ m, n, k int }{10, 30, 784}, struct{ m, n, k int }{30, 784, 100}) {
		for _, tA := range []bool{false, true} {
			for _, tB := range []bool{false, true} {
				for _, ab := range [][2]float64{{1, 0}, {-0.3, 1}, {2, -0.5}} {
					alpha, beta := ab[0], ab[1]
					name := fmt.Sprintf("m=%d/n=%d/k=%d/tA=%t/tB=%t/alpha=%g/beta=%g", s.m, s.n, s.k, tA, tB, alpha, beta)
					t.Run(name, func(t *testing.T) {
						a := operand(rng, s.m, s.k, tA)
						b := operand(rng, s.k, s.n, tB)
						start := randDense(rng, s.m, s.n)
						want := mat.NewDense(s.m, s.n, nil)
						want.Copy(start)
						mat.Naive{}.Mul(want, alpha, tA, a, tB, b, beta)
						for _, f := range fastProducts {
							got := strided(start)
							f.p.Mul(got, alpha, tA, strided(a), tB, strided(b), beta)
							if !mat.EqualApprox(got, want, productTol) {
								t.Errorf("%s and naive differ", f.name)
							}
						}
						if s.k == 1 || s.m == 1 {
							return
						}
						// An independent known answer: element (i, j) is a dot product.
						i, j := s.m-1, s.n/2
						var dot float64
						for l := range s.k {
							dot += at(a, tA, i, l) * at(b, tB, l, j)
						}
						if w := alpha*dot + beta*start.At(i, j); !near(want.At(i, j), w) {
							t.Errorf("naive (%d,%d) = %v, want %v", i, j, want.At(i, j), w)
						}
					})
				}
			}
		}
	}
}

// operand returns a random matrix whose op() is r×c.
func operand(rng *rand.Rand, r, c int, trans bool) *mat.Dense {
	if trans {
		return randDense(rng, c, r)
	}
	return randDense(rng, r, c)
}

func at(m *mat.Dense, trans bool, i, j int) float64 {
	if trans {
		return m.At(j, i)
	}
	return m.At(i, j)
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	scale := 1.0
	if b > 1 || b < -1 {
		scale = max(b, -b)
	}
	return d <= productTol*scale
}

func TestMulBetaZeroIgnoresNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a, b := randDense(rng, 3, 4), randDense(rng, 4, 2)
	for _, p := range []mat.Products{mat.Naive{}, mat.BLAS{}, mat.Tuned{}} {
		dst := mat.NewDense(3, 2, []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()})
		p.Mul(dst, 1, false, a, false, b, 0)
		var want mat.Dense
		want.Mul(a, b)
		if !mat.EqualApprox(dst, &want, productTol) {
			t.Errorf("%T: beta = 0 read the old NaN contents", p)
		}
	}
}

func TestMulSizesEmptyDestination(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	a, b := randDense(rng, 3, 4), randDense(rng, 2, 4)
	for _, p := range []mat.Products{mat.Naive{}, mat.BLAS{}, mat.Tuned{}} {
		var dst mat.Dense
		p.Mul(&dst, 1, false, a, true, b, 0)
		if r, c := dst.Dims(); r != 3 || c != 2 {
			t.Errorf("%T: empty dst sized %d×%d, want 3×2", p, r, c)
		}
		var v mat.VecDense
		p.MulVec(&v, true, a, randVec(rng, 3))
		if v.Len() != 4 {
			t.Errorf("%T: empty vector sized %d, want 4", p, v.Len())
		}
	}
}

func TestMulVecBLASMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, s := range shapes {
		for _, tA := range []bool{false, true} {
			t.Run(fmt.Sprintf("m=%d/k=%d/tA=%t", s.m, s.k, tA), func(t *testing.T) {
				a := operand(rng, s.m, s.k, tA)
				x := randVec(rng, s.k)
				want, got := mat.NewVecDense(s.m, nil), mat.NewVecDense(s.m, nil)
				mat.Naive{}.MulVec(want, tA, a, x)
				mat.BLAS{}.MulVec(got, tA, strided(a), x)
				if !mat.EqualApprox(got, want, productTol) {
					t.Errorf("BLAS and naive differ")
				}
				var dot float64
				for l := range s.k {
					dot += at(a, tA, 0, l) * x.AtVec(l)
				}
				if !near(want.AtVec(0), dot) {
					t.Errorf("naive [0] = %v, want %v", want.AtVec(0), dot)
				}
			})
		}
	}
}

func TestAddOuterBLASMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, s := range shapes {
		t.Run(fmt.Sprintf("m=%d/n=%d", s.m, s.n), func(t *testing.T) {
			x, y := randVec(rng, s.m), randVec(rng, s.n)
			start := randDense(rng, s.m, s.n)
			want, got := mat.NewDense(s.m, s.n, nil), strided(start)
			want.Copy(start)
			mat.Naive{}.AddOuter(want, -0.7, x, y)
			mat.BLAS{}.AddOuter(got, -0.7, x, y)
			if !mat.EqualApprox(got, want, productTol) {
				t.Errorf("BLAS and naive differ")
			}
			i, j := s.m-1, s.n-1
			if w := start.At(i, j) - 0.7*x.AtVec(i)*y.AtVec(j); !near(want.At(i, j), w) {
				t.Errorf("naive (%d,%d) = %v, want %v", i, j, want.At(i, j), w)
			}
		})
	}
}

func TestShapeMisusePanics(t *testing.T) {
	a, b := mat.NewDense(2, 3, nil), mat.NewDense(2, 3, nil)
	tests := []struct {
		name string
		f    func(p mat.Products)
	}{
		{"Mul inner", func(p mat.Products) { p.Mul(mat.NewDense(2, 3, nil), 1, false, a, false, b, 0) }},
		{"Mul dst", func(p mat.Products) { p.Mul(mat.NewDense(3, 3, nil), 1, false, a, true, b, 0) }},
		{"Mul empty beta", func(p mat.Products) { p.Mul(&mat.Dense{}, 1, false, a, true, b, 1) }},
		{"MulVec x", func(p mat.Products) { p.MulVec(mat.NewVecDense(2, nil), false, a, mat.NewVecDense(2, nil)) }},
		{"MulVec dst", func(p mat.Products) { p.MulVec(mat.NewVecDense(3, nil), false, a, mat.NewVecDense(3, nil)) }},
		{"AddOuter", func(p mat.Products) { p.AddOuter(a, 1, mat.NewVecDense(3, nil), mat.NewVecDense(3, nil)) }},
	}
	for _, tt := range tests {
		for _, p := range []mat.Products{mat.Naive{}, mat.BLAS{}, mat.Tuned{}} {
			t.Run(fmt.Sprintf("%s/%T", tt.name, p), func(t *testing.T) {
				defer func() {
					r := recover()
					msg, _ := r.(string)
					if len(msg) < 5 || msg[:5] != "mat: " {
						t.Errorf("panic = %v, want a message starting with \"mat: \"", r)
					}
				}()
				tt.f(p)
			})
		}
	}
}
