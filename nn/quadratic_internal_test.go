package nn

import (
	"fmt"
	"math"
	"testing"

	"github.com/vzorecky/backprop/internal/testrand"
	"github.com/vzorecky/backprop/mat"
)

// TestQuadraticRowsAsRowByRow checks that the quadratic cost's pass over
// a whole mini-batch gives the bits of Gradient and Value row by row, on
// views whose rows are further apart than their length.
func TestQuadraticRowsAsRowByRow(t *testing.T) {
	rng := testrand.New(7)
	for _, tc := range []struct{ m, outputs, stride int }{
		{1, 1, 1}, {10, 10, 10}, {100, 10, 10}, {7, 13, 13}, {33, 10, 17},
	} {
		view := func() *mat.Dense {
			whole := testrand.Dense(rng, tc.m, tc.stride)
			return whole.Slice(0, tc.m, 0, tc.outputs).(*mat.Dense)
		}
		a, y := view(), view()
		got, want := view(), mat.NewDense(tc.m, tc.outputs, nil)
		total := rng.Float64()
		gotTotal := Quadratic{}.gradientsAndValues(got, a, y, total)
		wantTotal := total
		for r := range tc.m {
			Quadratic{}.Gradient(row(want, r), row(a, r), row(y, r))
			wantTotal += Quadratic{}.Value(row(a, r), row(y, r))
		}
		if math.Float64bits(gotTotal) != math.Float64bits(wantTotal) {
			t.Errorf("%d×%d, stride %d: total %v, row by row %v", tc.m, tc.outputs, tc.stride, gotTotal, wantTotal)
		}
		for r := range tc.m {
			for j := range tc.outputs {
				if g, w := got.At(r, j), want.At(r, j); math.Float64bits(g) != math.Float64bits(w) {
					t.Fatalf("%d×%d, stride %d: gradient (%d, %d) = %v, row by row %v", tc.m, tc.outputs, tc.stride, r, j, g, w)
				}
			}
		}
	}
}

// halfQuadratic embeds Quadratic with a Value of its own.
type halfQuadratic struct{ Quadratic }

func (halfQuadratic) Value(a, y []float64) float64 { return Quadratic{}.Value(a, y) / 2 }

// TestOutputErrorOfAnEmbeddedQuadratic checks that a cost that embeds
// Quadratic has its own Value counted, not Quadratic's pass.
func TestOutputErrorOfAnEmbeddedQuadratic(t *testing.T) {
	rng := testrand.New(8)
	a, y, z := testrand.Dense(rng, 5, 3), testrand.Dense(rng, 5, 3), testrand.Dense(rng, 5, 3)
	whole := outputError(Quadratic{}, Sigmoid{}, mat.NewDense(5, 3, nil), z, a, y, 0)
	half := outputError(halfQuadratic{}, Sigmoid{}, mat.NewDense(5, 3, nil), z, a, y, 0)
	if math.Abs(half-whole/2) > 1e-15*whole {
		t.Errorf("cost %v with a Value of half the quadratic's, want %v", half, whole/2)
	}
}

// BenchmarkOutputError measures the output error of a mini-batch of ten
// outputs with the quadratic cost and a sigmoid output: Quadratic's pass
// over the whole batch, and the same cost embedded in another type
// (rows), which calls Gradient and Value row by row.
func BenchmarkOutputError(b *testing.B) {
	type embedded struct{ Quadratic }
	for _, m := range []int{10, 100} {
		rng := testrand.New(9)
		a, y, z, delta := testrand.Dense(rng, m, 10), testrand.Dense(rng, m, 10), testrand.Dense(rng, m, 10), mat.NewDense(m, 10, nil)
		for _, c := range []struct {
			name string
			cost Cost
		}{{"pass", Quadratic{}}, {"rows", embedded{}}} {
			b.Run(fmt.Sprintf("batch=%d/impl=%s", m, c.name), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					outputError(c.cost, Sigmoid{}, delta, z, a, y, 0)
				}
			})
		}
	}
}
