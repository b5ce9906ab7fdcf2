package nn

import (
	"math"

	"github.com/vzorecky/backprop/mat"
)

func init() { registerCost(LogLikelihood{}) }

// LogLikelihood is the log-likelihood cost C_x = −ln a_y, where y is the
// sample's class: for a one-hot target row, −Σ_j y_j ln a_j (terms with
// y_j = 0 are 0). Its gradient is ∂C/∂a_j = −y_j/a_j; with a softmax
// output layer the output error is δ^L = a − y.
//
// The outputs must lie between 0 and 1: a softmax output layer (the
// direct form) or a sigmoid one (the general form ∇ₐC ⊙ σ'(z)).
type LogLikelihood struct{}

// Name returns "log-likelihood".
func (LogLikelihood) Name() string { return "log-likelihood" }

// Value returns C_x.
func (LogLikelihood) Value(a, y []float64) float64 {
	var s float64
	for j, v := range a {
		if y[j] != 0 {
			s -= y[j] * math.Log(v)
		}
	}
	return s
}

// Gradient sets dst = ∇ₐC_x, −y/a element-wise (0 where y is 0).
func (LogLikelihood) Gradient(dst, a, y []float64) {
	for j, v := range a {
		dst[j] = 0
		if y[j] != 0 {
			dst[j] = -y[j] / v
		}
	}
}

// OutputError sets delta for a softmax output layer: a_j·Σ_k y_k − y_j,
// which is a − y for a one-hot (or any probability) target row.
func (LogLikelihood) OutputError(delta, _, a, y *mat.Dense, act Activation) bool {
	if _, ok := act.(Softmax); !ok {
		return false
	}
	rows, _ := a.Dims()
	for i := range rows {
		dr, yr := row(delta, i), row(y, i)
		var total float64
		for _, v := range yr {
			total += v
		}
		for j, v := range row(a, i) {
			dr[j] = v*total - yr[j]
		}
	}
	return true
}

// CheckOutput accepts softmax and sigmoid output layers.
func (LogLikelihood) CheckOutput(act Activation) error {
	return needProbabilities("log-likelihood", act)
}
