package nn

import "github.com/vzorecky/backprop/mat"

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

// gradientsAndValues sets each row of delta to Gradient of the same rows
// of a and y, and adds their Values to total, one row after another.
func (Quadratic) gradientsAndValues(delta, a, y *mat.Dense, total float64) float64 {
	dr, ar, yr := delta.RawMatrix(), a.RawMatrix(), y.RawMatrix()
	for r := range ar.Rows {
		av := ar.Data[r*ar.Stride : r*ar.Stride+ar.Cols]
		yv := yr.Data[r*yr.Stride : r*yr.Stride+len(av)]
		dv := dr.Data[r*dr.Stride : r*dr.Stride+len(av)]
		var s float64
		for i, v := range av {
			d := yv[i] - v
			s += d * d
			dv[i] = v - yv[i]
		}
		total += s / 2
	}
	return total
}
