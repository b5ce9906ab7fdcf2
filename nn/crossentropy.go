package nn

import (
	"fmt"
	"math"

	"github.com/vzorecky/backprop/mat"
)

func init() { registerCost(CrossEntropy{}) }

// CrossEntropy is the cross-entropy cost of Nielsen's network2.py,
// C_x = Σ_j [−y_j ln a_j − (1 − y_j) ln(1 − a_j)], with 0·ln 0 taken as 0,
// so that a = y = 1 costs 0. Its gradient is ∂C/∂a_j = (a_j − y_j) /
// (a_j(1 − a_j)); with a sigmoid output layer σ' cancels it and the output
// error is δ^L = a − y.
//
// The outputs must lie between 0 and 1: a sigmoid output layer (the
// direct form) or a softmax one (the general form ∇ₐC ⊙ σ'(z)).
type CrossEntropy struct{}

// Name returns "cross-entropy".
func (CrossEntropy) Name() string { return "cross-entropy" }

// Value returns C_x.
func (CrossEntropy) Value(a, y []float64) float64 {
	var s float64
	for j, v := range a {
		if y[j] != 0 {
			s -= y[j] * math.Log(v)
		}
		if y[j] != 1 {
			s -= (1 - y[j]) * math.Log1p(-v)
		}
	}
	return s
}

// Gradient sets dst = ∇ₐC_x, (a − y)/(a(1 − a)) element-wise.
func (CrossEntropy) Gradient(dst, a, y []float64) {
	for j, v := range a {
		dst[j] = (v - y[j]) / (v * (1 - v))
	}
}

// OutputError sets delta = a − y for a sigmoid output layer.
func (CrossEntropy) OutputError(delta, _, a, y *mat.Dense, act Activation) bool {
	if _, ok := act.(Sigmoid); !ok {
		return false
	}
	subRows(delta, a, y)
	return true
}

// CheckOutput accepts sigmoid and softmax output layers.
func (CrossEntropy) CheckOutput(act Activation) error {
	return needProbabilities("cross-entropy", act)
}

// needProbabilities returns an error unless act's outputs lie between 0
// and 1, as the logarithms of cost need.
func needProbabilities(cost string, act Activation) error {
	switch act.(type) {
	case Sigmoid, Softmax:
		return nil
	}
	return fmt.Errorf("%s needs outputs between 0 and 1: a sigmoid or softmax output layer, not %s", cost, act.Name())
}

// subRows sets dst = a − b, row by row.
func subRows(dst, a, b *mat.Dense) {
	rows, _ := a.Dims()
	for i := range rows {
		dr, br := row(dst, i), row(b, i)
		for j, v := range row(a, i) {
			dr[j] = v - br[j]
		}
	}
}
