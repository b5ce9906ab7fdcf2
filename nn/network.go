package nn

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"

	"github.com/vzorecky/backprop/mat"
)

// Network is a fully connected feedforward network. Its exported fields may
// be set before use; their zero values are the seed's choices.
type Network struct {
	// Activations holds the activation σ of each layer after the input,
	// the first hidden layer first. A nil slice, or a nil entry, means
	// Sigmoid; a slice that is not nil has one entry per layer after the
	// input. Softmax may only be the output layer's. SetActivations sets
	// the common case.
	Activations []Activation
	// Cost is the per-sample cost C_x. nil means Quadratic.
	Cost Cost
	// BLAS computes the matrix products: any gonum BLAS, such as
	// mat.Naive{}, mat.Tuned{}, blas64.Implementation() or OpenBLAS
	// through gonum's netlib package. nil means mat.Default().
	BLAS blas.Float64
	// Trained records how the network was initialised and trained.
	Trained TrainingRecord

	sizes  []int
	layers []layer // layers[l-2] is layer l

	sample samplePass
	batch  batchPass
	update LayerUpdate
	eval   evaluation
}

// New returns a network with the given layer sizes, input layer first,
// whose weights and biases are drawn from N(0, 1) using rng, as in the
// seed's reference implementation (NewInit offers other ways). sizes must
// hold at least two layers of at least one neuron each.
func New(sizes []int, rng *rand.Rand) (*Network, error) {
	return NewInit(sizes, InitNormal, rng)
}

// MaxParams is the most weights and biases a network may have: 2^30
// float64 values take 8 GiB, and a larger request is far more likely a
// mistyped layer size than a network this package can train.
const MaxParams = 1 << 30

func checkSizes(sizes []int) error {
	if len(sizes) < 2 {
		return fmt.Errorf("%w: %v has %d layers, a network needs at least 2 (input and output)", ErrLayerSizes, sizes, len(sizes))
	}
	for i, s := range sizes {
		if s < 1 {
			return fmt.Errorf("%w: layer %d of %v has %d neurons, each layer needs at least 1", ErrLayerSizes, i+1, sizes, s)
		}
	}
	params := 0
	for l := 1; l < len(sizes); l++ {
		// (in+1)·out, compared by division so that it cannot overflow.
		if sizes[l] > (MaxParams-params)/(sizes[l-1]+1) {
			return fmt.Errorf("%w: %v has more than %d weights and biases", ErrLayerSizes, sizes, MaxParams)
		}
		params += (sizes[l-1] + 1) * sizes[l]
	}
	return nil
}

// NewFromParams returns a network with copies of the given weights and
// biases: weights[i] is w^(i+2), of shape sizes[i+1]×sizes[i], and
// biases[i] has length sizes[i+1]. It returns an error if the shapes do not
// chain or a value is not finite.
func NewFromParams(weights []*mat.Dense, biases []*mat.VecDense) (*Network, error) {
	if len(weights) == 0 {
		return nil, fmt.Errorf("%w: no weight matrices, a network needs at least one", ErrLayerSizes)
	}
	if len(biases) != len(weights) {
		return nil, fmt.Errorf("%w: %d weight matrices but %d bias vectors", ErrShape, len(weights), len(biases))
	}
	for i := range weights {
		if weights[i] == nil || weights[i].IsEmpty() || biases[i] == nil || biases[i].IsEmpty() {
			return nil, fmt.Errorf("%w: weights or biases %d are nil or empty", ErrShape, i)
		}
	}
	_, in := weights[0].Dims()
	n := &Network{sizes: []int{in}}
	for i, w := range weights {
		r, c := w.Dims()
		if c != n.sizes[i] {
			return nil, fmt.Errorf("%w: weights %d are %d×%d, their columns must match the %d neurons of layer %d", ErrShape, i, r, c, n.sizes[i], i+1)
		}
		if biases[i].Len() != r {
			return nil, fmt.Errorf("%w: biases %d have length %d, weights %d have %d rows", ErrShape, i, biases[i].Len(), i, r)
		}
		ly := layer{w: w, b: biases[i]}
		ly.w, ly.b = ly.copyParams() // the network owns its parameters
		if err := checkFinite(fmt.Sprintf("weights %d", i), ly.w); err != nil {
			return nil, err
		}
		if err := checkFiniteVec(fmt.Sprintf("biases %d", i), ly.b); err != nil {
			return nil, err
		}
		n.sizes = append(n.sizes, r)
		n.layers = append(n.layers, ly)
	}
	return n, nil
}

// Sizes returns the number of neurons in each layer, input layer first.
func (n *Network) Sizes() []int { return append([]int(nil), n.sizes...) }

// Params returns copies of the weights and biases, in the form
// NewFromParams takes.
func (n *Network) Params() (weights []*mat.Dense, biases []*mat.VecDense) {
	for i := range n.layers {
		w, b := n.layers[i].copyParams()
		weights = append(weights, w)
		biases = append(biases, b)
	}
	return weights, biases
}

// SetActivations makes hidden the activation of every hidden layer and
// output that of the output layer.
func (n *Network) SetActivations(hidden, output Activation) {
	if len(n.layers) == 0 {
		return // a network without layers: every computation says so
	}
	n.Activations = make([]Activation, len(n.layers))
	for i := range n.Activations {
		n.Activations[i] = hidden
	}
	n.Activations[len(n.layers)-1] = output
}

// activation returns the activation of layer i (0 is the first after the
// input).
func (n *Network) activation(i int) Activation {
	if i < len(n.Activations) && n.Activations[i] != nil {
		return n.Activations[i]
	}
	return Sigmoid{}
}

// checkModel returns a *SettingError unless the activations and the cost
// fit the network and each other.
func (n *Network) checkModel() error {
	if len(n.layers) == 0 {
		return fmt.Errorf("%w: the network has no layers; make one with New, NewFromParams or Load", ErrLayerSizes)
	}
	if k := len(n.Activations); k != 0 && k != len(n.layers) {
		return &SettingError{Setting: "Activations", Value: k, Reason: fmt.Sprintf("need one per layer after the input, %d", len(n.layers))}
	}
	return checkActivations(len(n.layers), n.activation, n.cost())
}

// CheckModel returns a *SettingError unless a network whose layers after
// the input have the activations acts (nil entries meaning Sigmoid) can
// use them with cost (nil meaning Quadratic): softmax only in the output
// layer, and an output activation the cost accepts (see OutputChecker).
// Every method that computes with a network checks it too; a program can
// call CheckModel to report a mistake before any work.
func CheckModel(acts []Activation, cost Cost) error {
	if cost == nil {
		cost = Quadratic{}
	}
	at := func(i int) Activation {
		if acts[i] == nil {
			return Sigmoid{}
		}
		return acts[i]
	}
	return checkActivations(len(acts), at, cost)
}

func checkActivations(layers int, at func(i int) Activation, cost Cost) error {
	last := layers - 1
	for i := range last {
		if _, ok := at(i).(Softmax); ok {
			return &SettingError{Setting: "Activations", Value: "softmax", Reason: fmt.Sprintf("only the output layer may use softmax, not hidden layer %d", i+1)}
		}
	}
	if c, ok := cost.(OutputChecker); ok {
		if err := c.CheckOutput(at(last)); err != nil {
			return &SettingError{Setting: "Cost", Value: cost.Name(), Reason: err.Error()}
		}
	}
	return nil
}

func (n *Network) cost() Cost {
	if n.Cost == nil {
		return Quadratic{}
	}
	return n.Cost
}

// EffectiveActivations returns the activation of every layer after the
// input, as the network computes them: Activations where set, the
// sigmoid elsewhere.
func (n *Network) EffectiveActivations() []Activation {
	acts := make([]Activation, len(n.layers))
	for i := range acts {
		acts[i] = n.activation(i)
	}
	return acts
}

// EffectiveCost returns the cost the network trains with: Cost, or the
// quadratic cost when it is nil.
func (n *Network) EffectiveCost() Cost { return n.cost() }

func (n *Network) blas() blas.Float64 {
	if n.BLAS == nil {
		return mat.Default()
	}
	return n.BLAS
}

func (n *Network) inputs() int  { return n.sizes[0] }
func (n *Network) outputs() int { return n.sizes[len(n.sizes)-1] }
