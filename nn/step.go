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
	// Name identifies the rule in a model file's training record.
	Name() string

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
	// WeightDecay is λ/n of L2 regularisation, with n the number of
	// samples in the training set: the weights' part of the regularised
	// cost is (λ/2n)·Σ‖w‖², whose gradient is (λ/n)·w. It is 0 without
	// L2. Biases are not decayed.
	WeightDecay float64

	net *Network
}

// WeightGradient sets dst = alpha·Σ_x ∂C_x/∂w^l + beta·dst, the weight
// gradient summed over the mini-batch (BP3), without the L2 term. With
// beta == 0 dst is not read. dst must be shaped like Weights; it may be
// Weights itself, which is how SGD needs no gradient buffer.
func (u *LayerUpdate) WeightGradient(dst *mat.Dense, alpha, beta float64) {
	u.net.addWeightGradient(u.Layer, dst, alpha, beta)
}

// BiasGradient sets dst = alpha·Σ_x ∂C_x/∂b^l + beta·dst (BP4), as
// WeightGradient does for the weights.
func (u *LayerUpdate) BiasGradient(dst *mat.VecDense, alpha, beta float64) {
	u.net.addBiasGradient(u.Layer, dst, alpha, beta)
}

// SGD is plain mini-batch gradient descent, the seed's step:
// w → w − (ξ/m)·Σ_x ∂C_x/∂w (F7) and b → b − (ξ/m)·Σ_x ∂C_x/∂b (F8); with
// L2, w → (1 − ξλ/n)·w − (ξ/m)·Σ_x ∂C_x/∂w, as network2.py does it.
type SGD struct{}

// Name returns "sgd".
func (SGD) Name() string { return "sgd" }

// Update adds −ξ/m times the gradient straight into the parameters: the
// same product that computes the gradient, with another alpha, and the
// L2 decay (1 − ξλ/n) as its beta. Neither costs an extra pass.
func (SGD) Update(u *LayerUpdate, eta float64) {
	alpha := -eta / float64(u.BatchSize)
	u.WeightGradient(u.Weights, alpha, 1-eta*u.WeightDecay)
	u.BiasGradient(u.Biases, alpha, 1)
}

// Step does one step of mini-batch gradient descent on the batch x, y, one
// sample per row: w^l → w^l − (ξ/m)·Σ_x ∂C_x/∂w^l (F7) and b^l → b^l −
// (ξ/m)·Σ_x ∂C_x/∂b^l (F8), with m the number of rows and ξ = eta. It
// returns the batch's cost before the step. Step does not look for NaN in
// x and y; a NaN there makes the returned cost NaN.
func (n *Network) Step(x, y *mat.Dense, eta float64) (cost float64, err error) {
	return n.StepWith(SGD{}, x, y, eta, 0)
}

// StepWith is Step with another step rule and L2 regularisation:
// weightDecay is λ/n (see LayerUpdate), 0 for none.
func (n *Network) StepWith(rule StepRule, x, y *mat.Dense, eta, weightDecay float64) (cost float64, err error) {
	if err := n.checkModel(); err != nil {
		return 0, err
	}
	if err := checkLearningRate(eta); err != nil {
		return 0, err
	}
	if !(weightDecay >= 0) || math.IsInf(weightDecay, 1) {
		return 0, &SettingError{Setting: "WeightDecay", Value: weightDecay, Reason: "must be 0 or more and finite"}
	}
	if err := n.checkBatch(x, y); err != nil {
		return 0, err
	}
	cost = n.backpropBatch(x, y)
	m, _ := x.Dims()
	u := &n.update
	for i := range n.layers {
		*u = LayerUpdate{Layer: i, Weights: n.layers[i].w, Biases: n.layers[i].b, BatchSize: m, WeightDecay: weightDecay, net: n}
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
