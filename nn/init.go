package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Init names a way to draw a network's initial weights and biases. Every
// way draws layer by layer, the weights row by row before the biases, so
// that a seed gives the same network every time.
type Init string

// The ways to initialise; n_in is the number of inputs of a neuron, n_out
// the number of neurons of its layer.
const (
	// InitNormal draws weights and biases from N(0, 1): the seed's way,
	// and New's.
	InitNormal Init = "normal"
	// InitScaled draws weights from N(0, 1/n_in) and biases from N(0, 1),
	// as network2.py does by default: a neuron's z then has a standard
	// deviation near 1 and σ does not start saturated.
	InitScaled Init = "scaled"
	// InitHe draws weights from N(0, 2/n_in), biases 0: for ReLU layers
	// (He et al. 2015).
	InitHe Init = "he"
	// InitGlorot draws weights from N(0, 2/(n_in + n_out)), biases 0: for
	// tanh and sigmoid layers (Glorot and Bengio 2010).
	InitGlorot Init = "glorot"
)

// Inits lists the ways to initialise, the default first.
func Inits() []Init { return []Init{InitNormal, InitScaled, InitHe, InitGlorot} }

// ParseInit returns the Init of the given name, or a *SettingError.
func ParseInit(name string) (Init, error) {
	for _, i := range Inits() {
		if string(i) == name {
			return i, nil
		}
	}
	return "", &SettingError{Setting: "Init", Value: name, Reason: fmt.Sprintf("want one of %v", Inits())}
}

// scales returns the standard deviations of a layer's weights and biases
// (0: the biases are not drawn), and whether the weights are drawn as
// network2.py draws them, N(0, 1) divided by √n_in.
func (i Init) scales(in, out int) (weights, biases float64, divide bool) {
	switch i {
	case InitScaled:
		return math.Sqrt(float64(in)), 1, true
	case InitHe:
		return math.Sqrt(2 / float64(in)), 0, false
	case InitGlorot:
		return math.Sqrt(2 / float64(in+out)), 0, false
	}
	return 1, 1, false
}

// NewInit returns a network with the given layer sizes, input layer first,
// whose weights and biases are drawn as init says using rng. Its
// activations are sigmoid until changed (see Network.Activations).
func NewInit(sizes []int, init Init, rng *rand.Rand) (*Network, error) {
	if err := checkSizes(sizes); err != nil {
		return nil, err
	}
	if _, err := ParseInit(string(init)); err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, fmt.Errorf("%w: a network needs a random source for its initial weights", ErrSettings)
	}
	n := &Network{sizes: append([]int(nil), sizes...), Trained: TrainingRecord{Init: init}}
	for l := 1; l < len(sizes); l++ {
		ly := newLayer(sizes[l-1], sizes[l])
		ws, bs, divide := init.scales(sizes[l-1], sizes[l])
		w := ly.w.RawMatrix().Data
		for i := range w {
			w[i] = rng.NormFloat64()
			if divide {
				w[i] /= ws
			} else if ws != 1 {
				w[i] *= ws
			}
		}
		if bs != 0 {
			b := ly.b.RawVector().Data
			for i := range b {
				b[i] = rng.NormFloat64()
			}
		}
		n.layers = append(n.layers, ly)
	}
	return n, nil
}
