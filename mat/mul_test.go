package mat_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/vzorecky/backprop/internal/testrand"
	"github.com/vzorecky/backprop/mat"
)

const productTol = 1e-12

var (
	randDense = testrand.Dense
	randVec   = testrand.Vec
)

// strided returns a copy of d stored with a row stride wider than its
// width, so that the kernels' stride handling is exercised too.
func strided(d *mat.Dense) *mat.Dense {
	r, c := d.Dims()
	wide := mat.NewDense(r, c+3, nil)
	view := wide.Slice(0, r, 1, c+1).(*mat.Dense)
	view.Copy(d)
	return view
}

// The shapes include some past Gonum's 64×192 panels.
var shapes = []struct{ m, n, k int }{
	{1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {2, 13, 1},
	{30, 10, 784}, {10, 784, 30}, {30, 784, 10}, {100, 10, 30}, {17, 33, 65},
	{130, 200, 3},
}

// fastImpls are the implementations checked against Naive: gonum's own
// (parallel) BLAS, whatever blas64 uses in this build, and this package's.
var fastImpls = []struct {
	name string
	impl blas.Float64
}{
	{"gonum-parallel", gonum.Implementation{}},
	{"blas64", blas64.Implementation()},
	{"gonum", mat.Gonum{}},
	{"tuned", mat.Tuned{}},
}

// allImpls are Naive and fastImpls.
func allImpls() []blas.Float64 {
	impls := []blas.Float64{mat.Naive{}}
	for _, f := range fastImpls {
		impls = append(impls, f.impl)
	}
	return impls
}

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
						mat.Mul(mat.Naive{}, want, alpha, tA, a, tB, b, beta)
						for _, f := range fastImpls {
							got := strided(start)
							mat.Mul(f.impl, got, alpha, tA, strided(a), tB, strided(b), beta)
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

// TestDgemmNothingToSum checks that a product with k = 0 (which a gonum
// matrix cannot have, but a BLAS call can) only scales c by beta.
func TestDgemmNothingToSum(t *testing.T) {
	for _, impl := range allImpls() {
		for _, tr := range [][2]blas.Transpose{{blas.NoTrans, blas.Trans}, {blas.Trans, blas.NoTrans}, {blas.NoTrans, blas.NoTrans}} {
			c := []float64{1, 2, 3, 4, 5, 6}
			// a and b hold nothing that is read, but gonum wants their rows to exist.
			ab := make([]float64, 9)
			impl.Dgemm(tr[0], tr[1], 2, 3, 0, 1, ab, 3, ab, 3, -2, c, 3)
			if want := []float64{-2, -4, -6, -8, -10, -12}; fmt.Sprint(c) != fmt.Sprint(want) {
				t.Errorf("%T %c%c: c = %v, want %v", impl, tr[0], tr[1], c, want)
			}
		}
	}
}

func TestMulBetaZeroIgnoresNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a, b := randDense(rng, 3, 4), randDense(rng, 4, 2)
	for _, impl := range allImpls() {
		for _, tA := range []bool{false, true} {
			aa := a
			if tA {
				aa = mat.DenseCopyOf(a.T())
			}
			dst := mat.NewDense(3, 2, []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()})
			mat.Mul(impl, dst, 1, tA, aa, false, b, 0)
			var want mat.Dense
			want.Mul(a, b)
			if !mat.EqualApprox(dst, &want, productTol) {
				t.Errorf("%T, transA %t: beta = 0 read the old NaN contents", impl, tA)
			}
		}
	}
}

func TestMulSizesEmptyDestination(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	a, b := randDense(rng, 3, 4), randDense(rng, 2, 4)
	for _, impl := range allImpls() {
		var dst mat.Dense
		mat.Mul(impl, &dst, 1, false, a, true, b, 0)
		if r, c := dst.Dims(); r != 3 || c != 2 {
			t.Errorf("%T: empty dst sized %d×%d, want 3×2", impl, r, c)
		}
		var v mat.VecDense
		mat.MulVec(impl, &v, true, a, randVec(rng, 3))
		if v.Len() != 4 {
			t.Errorf("%T: empty vector sized %d, want 4", impl, v.Len())
		}
	}
}

func TestMulVecMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, s := range shapes {
		for _, tA := range []bool{false, true} {
			t.Run(fmt.Sprintf("m=%d/k=%d/tA=%t", s.m, s.k, tA), func(t *testing.T) {
				a := operand(rng, s.m, s.k, tA)
				x := randVec(rng, s.k)
				want, got := mat.NewVecDense(s.m, nil), mat.NewVecDense(s.m, nil)
				mat.MulVec(mat.Naive{}, want, tA, a, x)
				for _, f := range fastImpls {
					mat.MulVec(f.impl, got, tA, strided(a), x)
					if !mat.EqualApprox(got, want, productTol) {
						t.Errorf("%s and naive differ", f.name)
					}
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

func TestAddOuterMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, s := range shapes {
		t.Run(fmt.Sprintf("m=%d/n=%d", s.m, s.n), func(t *testing.T) {
			x, y := randVec(rng, s.m), randVec(rng, s.n)
			start := randDense(rng, s.m, s.n)
			want := mat.NewDense(s.m, s.n, nil)
			want.Copy(start)
			mat.AddOuter(mat.Naive{}, want, -0.7, x, y)
			for _, f := range fastImpls {
				got := strided(start)
				mat.AddOuter(f.impl, got, -0.7, x, y)
				if !mat.EqualApprox(got, want, productTol) {
					t.Errorf("%s and naive differ", f.name)
				}
			}
			i, j := s.m-1, s.n-1
			if w := start.At(i, j) - 0.7*x.AtVec(i)*y.AtVec(j); !near(want.At(i, j), w) {
				t.Errorf("naive (%d,%d) = %v, want %v", i, j, want.At(i, j), w)
			}
		})
	}
}

// TestVectorIncrements checks Naive's Dgemv and Dger with strided and
// negative increments (a negative one walks the vector from its far end).
func TestVectorIncrements(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const m, n = 5, 3
	a := randDense(rng, m, n).RawMatrix()
	for _, incX := range []int{1, 2, -1, -3} {
		for _, incY := range []int{1, 3, -2} {
			for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				rows, cols := m, n
				if tA == blas.Trans {
					rows, cols = n, m
				}
				x := testrand.Slice(rng, 1+(cols-1)*max(incX, -incX))
				y := testrand.Slice(rng, 1+(rows-1)*max(incY, -incY))
				want, got := append([]float64(nil), y...), append([]float64(nil), y...)
				gonum.Implementation{}.Dgemv(tA, m, n, 0.5, a.Data, a.Stride, x, incX, -2, want, incY)
				mat.Naive{}.Dgemv(tA, m, n, 0.5, a.Data, a.Stride, x, incX, -2, got, incY)
				if !near(relDiff(got, want), 0) {
					t.Errorf("Dgemv tA=%c incX=%d incY=%d: naive %v, gonum %v", tA, incX, incY, got, want)
				}
			}
			// Dger against itself with increment 1 on the vectors as the
			// increments lay them out (gonum's Dger is no reference here: it
			// takes negative increments as huge unsigned ones).
			x := testrand.Slice(rng, 1+(m-1)*max(incX, -incX))
			y := testrand.Slice(rng, 1+(n-1)*max(incY, -incY))
			want, got := append([]float64(nil), a.Data...), append([]float64(nil), a.Data...)
			mat.Naive{}.Dger(m, n, 0.5, logical(x, m, incX), 1, logical(y, n, incY), 1, want, a.Stride)
			mat.Naive{}.Dger(m, n, 0.5, x, incX, y, incY, got, a.Stride)
			if !near(relDiff(got, want), 0) {
				t.Errorf("Dger incX=%d incY=%d: %v, want %v", incX, incY, got, want)
			}
		}
	}
}

// logical returns the n elements of x that a BLAS routine reads with
// increment inc, in the order it reads them.
func logical(x []float64, n, inc int) []float64 {
	out := make([]float64, n)
	i := 0
	if inc < 0 {
		i = (1 - n) * inc
	}
	for k := range out {
		out[k] = x[i]
		i += inc
	}
	return out
}

func relDiff(a, b []float64) float64 {
	var d float64
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i])/(1+math.Abs(b[i])))
	}
	return d
}

func TestShapeMisusePanics(t *testing.T) {
	a, b := mat.NewDense(2, 3, nil), mat.NewDense(2, 3, nil)
	tests := []struct {
		name string
		f    func(impl blas.Float64)
	}{
		{"Mul inner", func(impl blas.Float64) { mat.Mul(impl, mat.NewDense(2, 3, nil), 1, false, a, false, b, 0) }},
		{"Mul dst", func(impl blas.Float64) { mat.Mul(impl, mat.NewDense(3, 3, nil), 1, false, a, true, b, 0) }},
		{"Mul empty beta", func(impl blas.Float64) { mat.Mul(impl, &mat.Dense{}, 1, false, a, true, b, 1) }},
		{"MulVec x", func(impl blas.Float64) { mat.MulVec(impl, mat.NewVecDense(2, nil), false, a, mat.NewVecDense(2, nil)) }},
		{"MulVec dst", func(impl blas.Float64) { mat.MulVec(impl, mat.NewVecDense(3, nil), false, a, mat.NewVecDense(3, nil)) }},
		{"AddOuter", func(impl blas.Float64) { mat.AddOuter(impl, a, 1, mat.NewVecDense(3, nil), mat.NewVecDense(3, nil)) }},
	}
	for _, tt := range tests {
		for _, impl := range []blas.Float64{mat.Naive{}, mat.Gonum{}, mat.Tuned{}} {
			t.Run(fmt.Sprintf("%s/%T", tt.name, impl), func(t *testing.T) {
				defer wantPanic(t, "mat: ")
				tt.f(impl)
			})
		}
	}
}

// TestBadArgumentsPanic calls the routines this package implements itself
// with arguments that break the BLAS rules.
func TestBadArgumentsPanic(t *testing.T) {
	d := make([]float64, 12)
	tests := []struct {
		name string
		f    func()
	}{
		{"Dgemm lda", func() { mat.Naive{}.Dgemm(blas.NoTrans, blas.NoTrans, 2, 2, 3, 1, d, 2, d, 2, 0, d, 2) }},
		{"Dgemm short c", func() { mat.Naive{}.Dgemm(blas.NoTrans, blas.NoTrans, 4, 3, 1, 1, d, 1, d, 3, 0, d[:5], 3) }},
		{"Dgemm negative m", func() { mat.Naive{}.Dgemm(blas.NoTrans, blas.NoTrans, -1, 2, 2, 1, d, 2, d, 2, 0, d, 2) }},
		{"Dgemm transpose", func() { mat.Naive{}.Dgemm('X', blas.NoTrans, 2, 2, 2, 1, d, 2, d, 2, 0, d, 2) }},
		{"Dgemv increment 0", func() { mat.Naive{}.Dgemv(blas.NoTrans, 2, 2, 1, d, 2, d, 0, 0, d, 1) }},
		{"Dgemv short y", func() { mat.Naive{}.Dgemv(blas.NoTrans, 2, 2, 1, d, 2, d, 1, 0, d[:1], 1) }},
		{"Dger short x", func() { mat.Naive{}.Dger(3, 2, 1, d[:2], 1, d, 1, d, 2) }},
		{"Tuned.Dgemm ldb", func() { mat.Tuned{}.Dgemm(blas.NoTrans, blas.Trans, 2, 2, 3, 1, d, 3, d, 2, 0, d, 2) }},
		{"Tuned.Dgemm short a", func() { mat.Tuned{}.Dgemm(blas.Trans, blas.NoTrans, 2, 2, 3, 1, d[:3], 2, d, 2, 0, d, 2) }},
		{"Gonum.Dgemm short c", func() { mat.Gonum{}.Dgemm(blas.NoTrans, blas.NoTrans, 100, 2, 1, 1, d, 1, d, 2, 0, d, 2) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer wantPanic(t, "mat: ")
			tt.f()
		})
	}
}

// wantPanic, deferred, fails t unless the function panicked with a
// message that starts with prefix.
func wantPanic(t *testing.T, prefix string) {
	t.Helper()
	r := recover()
	if msg, _ := r.(string); !strings.HasPrefix(msg, prefix) {
		t.Errorf("panic = %v, want a message starting with %q", r, prefix)
	}
}
