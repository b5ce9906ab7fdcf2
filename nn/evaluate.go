package nn

import "github.com/vzorecky/backprop/mat"

// Evaluation is a network's performance on a data set.
type Evaluation struct {
	Cost    float64 // the mean C_x over the samples (F5 for the quadratic cost), plus the L2 term in Train's reports
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

// Evaluate returns the cost (F5) and the classification accuracy of the
// network on d. A sample's class is the index of its target's largest
// value, the predicted class that of the largest output (argmax, first
// index on ties); it is correct when they agree. Confusion and Classify
// say which classes are mistaken for which.
func (n *Network) Evaluate(d Samples) (Evaluation, error) {
	if err := n.checkModel(); err != nil {
		return Evaluation{}, err
	}
	if err := n.checkSamples("evaluation", d); err != nil {
		return Evaluation{}, err
	}
	return n.evaluate(d, nil), nil
}

// evaluation holds the buffers that evaluate gathers samples into, when
// they are not a Dataset that it reads in place.
type evaluation struct {
	gatherer
	order []int
}

// evaluate feeds d forward in chunks and sums the cost and the correct
// answers; visit, if not nil, sees every sample's output and target, in
// order, as slices valid only during the call.
func (n *Network) evaluate(d Samples, visit func(i int, output, target []float64)) Evaluation {
	c := n.cost()
	count, _, _ := d.Dims()
	ds, inPlace := d.(*Dataset)
	buf := &n.eval
	if !inPlace && buf.order == nil {
		buf.order = make([]int, evalChunk) // each chunk's indices, written below
	}
	var x, y mat.Dense
	e := Evaluation{N: count}
	for from := 0; from < e.N; from += evalChunk {
		to := min(from+evalChunk, e.N)
		if inPlace {
			mat.ViewRows(&x, ds.X, from, to)
			mat.ViewRows(&y, ds.Y, from, to)
		} else {
			for i := range buf.order[:to-from] {
				buf.order[i] = from + i
			}
			buf.batch(&x, &y, d, buf.order[:to-from])
		}
		outputs := n.forwardBatch(&x)
		for r := range to - from {
			a, t := row(outputs, r), row(&y, r)
			e.Cost += c.Value(a, t)
			if argmax(a) == argmax(t) {
				e.Correct++
			}
			if visit != nil {
				visit(from+r, a, t)
			}
		}
	}
	e.Cost /= float64(e.N)
	return e
}

// evaluateL2 is evaluate with the L2 term of the cost, (λ/2N)·Σ‖w‖² for a
// data set of N samples, as network2.py's total_cost adds it.
func (n *Network) evaluateL2(d Samples, lambda float64) Evaluation {
	e := n.evaluate(d, nil)
	if lambda == 0 {
		return e
	}
	var sq float64
	for _, l := range n.layers {
		for _, v := range l.w.RawMatrix().Data {
			sq += v * v
		}
	}
	e.Cost += lambda / (2 * float64(e.N)) * sq
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
