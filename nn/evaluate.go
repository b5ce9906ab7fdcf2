package nn

import "github.com/vzorecky/backprop/mat"

// Evaluation is a network's performance on a data set.
type Evaluation struct {
	Cost    float64 // F5: 1/(2n)·Σ_x ‖y(x) − a^L(x)‖²
	Correct int     // samples whose largest output is where their target's largest value is
	N       int     // samples evaluated
}

// Accuracy returns Correct/N, or 0 when N is 0.
func (e Evaluation) Accuracy() float64 {
	if e.N == 0 {
		return 0
	}
	return float64(e.Correct) / float64(e.N)
}

// evalChunk is how many samples Evaluate feeds forward at once: enough for
// efficient matrix products, small enough for the buffers to stay modest.
const evalChunk = 500

// Evaluate returns the cost (F5) and classification accuracy of the network
// on d. A sample counts as correct when the largest output is at the index
// of its target's largest value (argmax, first index on ties).
func (n *Network) Evaluate(d *Dataset) (Evaluation, error) {
	if err := n.checkModel(); err != nil {
		return Evaluation{}, err
	}
	if err := n.checkDataset("evaluation", d); err != nil {
		return Evaluation{}, err
	}
	return n.evaluate(d), nil
}

func (n *Network) evaluate(d *Dataset) Evaluation {
	c := n.cost()
	var x, y mat.Dense
	e := Evaluation{N: d.Len()}
	for from := 0; from < e.N; from += evalChunk {
		to := min(from+evalChunk, e.N)
		mat.ViewRows(&x, d.X, from, to)
		mat.ViewRows(&y, d.Y, from, to)
		out := n.forwardBatch(&x)
		for r := range to - from {
			a, t := row(out, r), row(&y, r)
			e.Cost += c.Value(a, t)
			if argmax(a) == argmax(t) {
				e.Correct++
			}
		}
	}
	e.Cost /= float64(e.N)
	return e
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}
