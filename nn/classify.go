package nn

import (
	"cmp"
	"slices"
)

// Prediction is a network's answer for one sample of a data set.
type Prediction struct {
	Index      int     // the sample's row in the data set
	Truth      int     // its class: the index of its target's largest value
	Predicted  int     // the index of the largest output
	Confidence float64 // the output at Predicted (a probability with a softmax output)
}

// Correct reports whether the prediction is the sample's class.
func (p Prediction) Correct() bool { return p.Truth == p.Predicted }

// Classify returns the network's prediction for every sample of d, in the
// order of d, as Evaluate counts them.
func (n *Network) Classify(d Samples) ([]Prediction, error) {
	if err := n.checkModel(); err != nil {
		return nil, err
	}
	if err := n.checkSamples("classification", d); err != nil {
		return nil, err
	}
	count, _, _ := d.Dims()
	ps := make([]Prediction, 0, count)
	n.evaluate(d, func(i int, output, target []float64) {
		p := argmax(output)
		ps = append(ps, Prediction{Index: i, Truth: argmax(target), Predicted: p, Confidence: output[p]})
	})
	return ps, nil
}

// Confusion returns the confusion matrix of the network on d, counted as
// Evaluate counts the correct answers: its Correct is Evaluate's.
func (n *Network) Confusion(d Samples) (*Confusion, error) {
	ps, err := n.Classify(d)
	if err != nil {
		return nil, err
	}
	return NewConfusionOf(n.sizes[len(n.sizes)-1], ps), nil
}

// Mistakes returns the wrong predictions of ps, the most confident first
// (the order of ps among equals).
func Mistakes(ps []Prediction) []Prediction {
	var wrong []Prediction
	for _, p := range ps {
		if !p.Correct() {
			wrong = append(wrong, p)
		}
	}
	slices.SortStableFunc(wrong, func(a, b Prediction) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return wrong
}
