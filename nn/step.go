package nn

import (
	"math"

	"github.com/vzorecky/backprop/mat"
)

// StepRule turns the gradient of a mini-batch into a change of the
// parameters. SGD, the seed's rule, is the default. A rule that keeps
// state, such as momentum's velocities, keeps it per layer and sizes it
// on first use, so that its steps allocate nothing after that.
type StepRule interface {
	// Update changes the weights and biases of one layer, u.Layer, at
	// learning rate eta. It is called for every layer after the whole
	// mini-batch has been backpropagated, so u's gradient does not change
	// when the weights do.
	Update(u *LayerUpdate, eta float64)
}

// LayerUpdate is one layer's part of a step: the parameters to change and
// the mini-batch gradient to change them by, computed on demand.
type LayerUpdate struct {
	Layer     int           // 0 for layer 2 (the first after the input), 1 for layer 3, …
	Weights   *mat.Dense    // w^l, to be changed in place
	Biases    *mat.VecDense // b^l, to be changed in place
	BatchSize int           // m, the number of samples in the mini-batch

	net *Network
}

// AddGradient sets dw = alpha·Σ_x ∂C_x/∂w^l + beta·dw and db = alpha·Σ_x
// ∂C_x/∂b^l + beta·db, the gradient summed over the mini-batch (BP3, BP4).
// With beta == 0 dw and db are not read. dw and db must be shaped like
// Weights and Biases; they may be Weights and Biases themselves, which is
// how SGD needs no gradient buffer.
func (u *LayerUpdate) AddGradient(dw *mat.Dense, db *mat.VecDense, alpha, beta float64) {
	u.net.addGradient(u.Layer, dw, db, alpha, beta)
}

// SGD is plain mini-batch gradient descent, the seed's step:
// w → w − (ξ/m)·Σ_x ∂C_x/∂w (F7) and b → b − (ξ/m)·Σ_x ∂C_x/∂b (F8).
type SGD struct{}

// Update adds −ξ/m times the gradient straight into the parameters: the
// same product that computes the gradient, with another alpha.
func (SGD) Update(u *LayerUpdate, eta float64) {
	u.AddGradient(u.Weights, u.Biases, -eta/float64(u.BatchSize), 1)
}

// Step does one step of mini-batch gradient descent on the batch x, y, one
// sample per row: w^l → w^l − (ξ/m)·Σ_x ∂C_x/∂w^l (F7) and b^l → b^l −
// (ξ/m)·Σ_x ∂C_x/∂b^l (F8), with m the number of rows and ξ = eta. It
// returns the batch's cost before the step. Step does not look for NaN in
// x and y; a NaN there makes the returned cost NaN.
func (n *Network) Step(x, y *mat.Dense, eta float64) (cost float64, err error) {
	return n.StepWith(SGD{}, x, y, eta)
}

// StepWith is Step with another step rule.
func (n *Network) StepWith(rule StepRule, x, y *mat.Dense, eta float64) (cost float64, err error) {
	if err := n.checkModel(); err != nil {
		return 0, err
	}
	if err := checkLearningRate(eta); err != nil {
		return 0, err
	}
	if err := n.checkBatch(x, y); err != nil {
		return 0, err
	}
	cost = n.backpropBatch(x, y)
	m, _ := x.Dims()
	u := &n.update
	for i := range n.layers {
		*u = LayerUpdate{Layer: i, Weights: n.layers[i].w, Biases: n.layers[i].b, BatchSize: m, net: n}
		rule.Update(u, eta)
	}
	return cost, nil
}

func checkLearningRate(eta float64) error {
	if !(eta > 0) || math.IsInf(eta, 1) {
		return &SettingError{Setting: "LearningRate", Value: eta, Reason: "must be positive and finite"}
	}
	return nil
}
