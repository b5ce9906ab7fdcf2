package nn_test

import (
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// directQuadratic is the quadratic cost with a direct output error for the
// identity activation, δ = a − y, and a count of the calls that used it:
// the shape of cross-entropy with a sigmoid output, in a cost whose
// general form the tests can compare it with.
type directQuadratic struct {
	nn.Quadratic
	direct *int
}

func (c directQuadratic) OutputError(delta, _, a, y *mat.Dense, act nn.Activation) bool {
	if _, ok := act.(identity); !ok {
		return false
	}
	delta.Sub(a, y)
	*c.direct++
	return true
}

// TestOutputErrorer checks that both paths take the cost's direct output
// error where it has one, and the general ∇ₐC ⊙ σ'(z) where it has not,
// with the same gradients either way.
func TestOutputErrorer(t *testing.T) {
	sizes := []int{4, 3, 2}
	x, y := randomBatch(sizes, 5, 41)
	tests := []struct {
		name       string
		act        nn.Activation
		wantDirect bool
	}{
		{"identity has a direct form", identity{}, true},
		{"sigmoid has none", nn.Sigmoid{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			general := mustNew(t, sizes, 3)
			general.SetActivations(tt.act, tt.act)
			var want nn.Gradients
			if _, err := general.Gradient(&want, x, y); err != nil {
				t.Fatal(err)
			}
			calls := 0
			net := mustNew(t, sizes, 3)
			net.SetActivations(tt.act, tt.act)
			net.Cost = directQuadratic{direct: &calls}
			var got nn.Gradients
			if _, err := net.Gradient(&got, x, y); err != nil {
				t.Fatal(err)
			}
			sample := net.NewGradients()
			for i := range 5 {
				if _, err := net.AddSampleGradient(sample, rowVec(x, i), rowVec(y, i)); err != nil {
					t.Fatal(err)
				}
			}
			if wantCalls := map[bool]int{true: 6, false: 0}[tt.wantDirect]; calls != wantCalls {
				t.Errorf("the direct form was used %d times, want %d (one batch and five samples)", calls, wantCalls)
			}
			if e := relErr(flatten(&got), flatten(&want)); e > 1e-15 {
				t.Errorf("batch gradient differs from the general form's: relative error %.3g", e)
			}
			if e := relErr(flatten(sample), flatten(&want)); e > 1e-12 {
				t.Errorf("per-sample gradients differ from the general form's: relative error %.3g", e)
			}
		})
	}
}
