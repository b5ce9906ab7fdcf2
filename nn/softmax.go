package nn

import (
	"math"

	"github.com/vzorecky/backprop/mat"
)

func init() { registerActivation(Softmax{}) }

// Softmax turns each row of weighted inputs into probabilities,
// a_j = e^(z_j) / Σ_k e^(z_k). It may only be the output layer's
// activation, and goes with the LogLikelihood cost, with which the output
// error is simply a − y.
//
// It is computed stably: the row's largest z is subtracted first, which
// changes nothing in exact arithmetic and keeps e^z from overflowing.
type Softmax struct{}

// Name returns "softmax".
func (Softmax) Name() string { return "softmax" }

// Apply sets each row of a to the softmax of the same row of z.
func (Softmax) Apply(a, z *mat.Dense) {
	rows, _ := z.Dims()
	for i := range rows {
		zr, ar := row(z, i), row(a, i)
		top := math.Inf(-1)
		for _, v := range zr {
			top = max(top, v)
		}
		var sum float64
		for j, v := range zr {
			ar[j] = math.Exp(v - top)
			sum += ar[j]
		}
		for j := range ar {
			ar[j] /= sum
		}
	}
}

// Backward multiplies each row of d by the softmax's Jacobian,
// ∂a_k/∂z_j = a_k(δ_kj − a_j): it sets d_j = a_j·(d_j − Σ_k d_k·a_k).
func (Softmax) Backward(d, _, a *mat.Dense) {
	rows, _ := a.Dims()
	for i := range rows {
		dr, ar := row(d, i), row(a, i)
		var s float64
		for k, v := range ar {
			s += dr[k] * v
		}
		for j, v := range ar {
			dr[j] = v * (dr[j] - s)
		}
	}
}
