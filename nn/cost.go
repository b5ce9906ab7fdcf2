package nn

import "github.com/vzorecky/backprop/mat"

// Cost is the cost C_x of one sample: its value and its gradient with
// respect to the output activations.
type Cost interface {
	// Name identifies the cost in saved models.
	Name() string

	// Value returns C_x for output activations a and target y.
	Value(a, y []float64) float64

	// Gradient sets dst = ∇ₐC_x.
	Gradient(dst, a, y []float64)
}

// OutputErrorer is a Cost that can give the output error δ^L = ∂C_x/∂z^L
// itself for some output activations: where σ' cancels against the cost's
// gradient (cross-entropy with a sigmoid output, log-likelihood with
// softmax), the direct form is both cheaper and more exact than
// ∇ₐC ⊙ σ'(z).
type OutputErrorer interface {
	Cost

	// OutputError sets delta = ∂C_x/∂z^L for each sample, one per row of
	// z, a = act(z) and the targets y, and reports true; or reports false,
	// leaving delta alone, when it has no direct form for act.
	OutputError(delta, z, a, y *mat.Dense, act Activation) bool
}

// OutputChecker is a Cost that works only with some output activations,
// such as cross-entropy, whose logarithms need outputs between 0 and 1.
type OutputChecker interface {
	Cost

	// CheckOutput returns an error that says why act cannot be the output
	// activation, or nil if it can.
	CheckOutput(act Activation) error
}

// outputError sets delta to the output error of every sample, one per row
// (BP1): the cost's direct form if it has one for act, else ∇ₐC ⊙ σ'(z^L).
// It adds the samples' costs to total, one by one, and returns the sum.
// The batched and the per-sample paths both compute δ^L here.
func outputError(c Cost, act Activation, delta, z, a, y *mat.Dense, total float64) float64 {
	direct := false
	if oe, ok := c.(OutputErrorer); ok {
		direct = oe.OutputError(delta, z, a, y, act)
	}
	if q, ok := c.(Quadratic); ok && !direct {
		// Its loops over a few outputs take less time than the calls to
		// them: 3.0–3.6 → 1.3–1.5 µs at batch 100, ten outputs
		// (BenchmarkOutputError, twelfth round).
		// Only Quadratic itself: a type that embeds it may have its own
		// Value or Gradient.
		total = q.gradientsAndValues(delta, a, y, total)
	} else {
		m, _ := a.Dims()
		for r := range m {
			ar, yr := row(a, r), row(y, r)
			if !direct {
				c.Gradient(row(delta, r), ar, yr)
			}
			total += c.Value(ar, yr)
		}
	}
	if !direct {
		act.Backward(delta, z, a)
	}
	return total
}

// costs lists the costs a saved model may name.
var costs = registry[Cost]{}

func registerCost(c Cost) { costs.add(c) }

// CostByName returns the cost of the given name, as model files and Name
// give it.
func CostByName(name string) (Cost, bool) {
	c, ok := costs[name]
	return c, ok
}

// CostNames lists the names of the costs, sorted.
func CostNames() []string { return costs.sortedNames() }
