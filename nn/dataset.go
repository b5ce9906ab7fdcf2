package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// Dataset is a set of samples, one per row: X holds the inputs and Y the
// targets (for classification, one-hot rows).
type Dataset struct {
	X *mat.Dense
	Y *mat.Dense
}

// Len returns the number of samples.
func (d *Dataset) Len() int {
	r, _ := d.X.Dims()
	return r
}

// checkDataset returns an error unless d is a non-empty, finite data set
// that fits n; name says which set it is in the error.
func (n *Network) checkDataset(name string, d *Dataset) error {
	if d == nil || d.X == nil || d.Y == nil || d.X.IsEmpty() || d.Y.IsEmpty() {
		return fmt.Errorf("%w: the %s set has no samples", ErrNoSamples, name)
	}
	if err := n.checkBatch(d.X, d.Y); err != nil {
		return fmt.Errorf("%s set: %w", name, err)
	}
	if err := checkFinite(name+" inputs", d.X); err != nil {
		return err
	}
	return checkFinite(name+" targets", d.Y)
}
