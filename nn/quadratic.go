package nn

func init() { registerCost(Quadratic{}) }

// Quadratic is the quadratic (mean squared error) cost of F5:
// C_x = ½‖y − a‖², so that C = 1/(2n)·Σ_x ‖y(x) − a^L(x)‖² over n samples.
// Its gradient is a − y (F6). The seed's source writes 2(a − y), the
// derivative of the cost without the ½ (erratum E1); that factor would only
// double the effective learning rate.
type Quadratic struct{}

// Name returns "quadratic".
func (Quadratic) Name() string { return "quadratic" }

// Value returns ½‖y − a‖².
func (Quadratic) Value(a, y []float64) float64 {
	var s float64
	for i, v := range a {
		d := y[i] - v
		s += d * d
	}
	return s / 2
}

// Gradient sets dst = a − y (F6 with erratum E1).
func (Quadratic) Gradient(dst, a, y []float64) {
	for i, v := range a {
		dst[i] = v - y[i]
	}
}
