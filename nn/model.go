package nn

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/vzorecky/backprop/internal/atomicfile"
	"github.com/vzorecky/backprop/mat"
)

// ModelFormat and ModelVersion identify the model files Save writes.
//
// A model file is JSON:
//
//	{
//	  "format": "backprop-model",
//	  "version": 1,
//	  "sizes": [784, 30, 10],          // neurons per layer, input first
//	  "activation": "sigmoid",         // Activation.Name()
//	  "cost": "quadratic",             // Cost.Name()
//	  "weights": [[…], […]],           // w^2, w^3, …, each row-major
//	  "biases": [[…], […]]             // b^2, b^3, …
//	}
//
// Numbers are written in the shortest form that reads back to the same
// float64, so a saved network loads bit for bit.
const (
	ModelFormat  = "backprop-model"
	ModelVersion = 1
)

// ErrModel reports a model file that cannot be loaded.
var ErrModel = errors.New("nn: bad model file")

type modelFile struct {
	Format     string      `json:"format"`
	Version    int         `json:"version"`
	Sizes      []int       `json:"sizes"`
	Activation string      `json:"activation"`
	Cost       string      `json:"cost"`
	Weights    [][]float64 `json:"weights"`
	Biases     [][]float64 `json:"biases"`
}

// Save writes the network to w as a model file (see ModelFormat). It fails
// if the network's activation or cost is not one Load knows.
func (n *Network) Save(w io.Writer) error {
	act, cost := n.activation().Name(), n.cost().Name()
	if _, ok := activations[act]; !ok {
		return fmt.Errorf("nn: cannot save activation %q: Load would not know it", act)
	}
	if _, ok := costs[cost]; !ok {
		return fmt.Errorf("nn: cannot save cost %q: Load would not know it", cost)
	}
	f := modelFile{Format: ModelFormat, Version: ModelVersion, Sizes: n.sizes, Activation: act, Cost: cost}
	for _, l := range n.layers {
		f.Weights = append(f.Weights, l.w.RawMatrix().Data)
		f.Biases = append(f.Biases, l.b.RawVector().Data)
	}
	return json.NewEncoder(w).Encode(&f)
}

// SaveFile writes the network to the file at path atomically: a crash or
// an interrupt leaves either the old file or the complete new one.
func (n *Network) SaveFile(path string) error {
	return atomicfile.Write(path, 0o644, n.Save)
}

// Load reads a network from a model file written by Save. Every field is
// checked: format and version, layer sizes, the shapes of the weights and
// biases against the sizes, and the activation and cost names.
func Load(r io.Reader) (*Network, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f modelFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the model", ErrModel)
	}
	if f.Format != ModelFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrModel, f.Format, ModelFormat)
	}
	if f.Version != ModelVersion {
		return nil, fmt.Errorf("%w: version %d, this library reads version %d", ErrModel, f.Version, ModelVersion)
	}
	if err := checkSizes(f.Sizes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	act, ok := activations[f.Activation]
	if !ok {
		return nil, fmt.Errorf("%w: unknown activation %q", ErrModel, f.Activation)
	}
	cost, ok := costs[f.Cost]
	if !ok {
		return nil, fmt.Errorf("%w: unknown cost %q", ErrModel, f.Cost)
	}
	layers := len(f.Sizes) - 1
	if len(f.Weights) != layers || len(f.Biases) != layers {
		return nil, fmt.Errorf("%w: %d layers need %d weight matrices and bias vectors, the file has %d and %d",
			ErrModel, len(f.Sizes), layers, len(f.Weights), len(f.Biases))
	}
	weights := make([]*mat.Dense, layers)
	biases := make([]*mat.VecDense, layers)
	for i := range layers {
		rows, cols := f.Sizes[i+1], f.Sizes[i]
		// Compared by division so that absurd sizes cannot overflow.
		if w := len(f.Weights[i]); w%cols != 0 || w/cols != rows {
			return nil, fmt.Errorf("%w: weights %d have %d values, sizes %d×%d need %d", ErrModel, i, w, rows, cols, rows*cols)
		}
		if len(f.Biases[i]) != rows {
			return nil, fmt.Errorf("%w: biases %d have %d values, want %d", ErrModel, i, len(f.Biases[i]), rows)
		}
		weights[i] = mat.NewDense(rows, cols, f.Weights[i])
		biases[i] = mat.NewVecDense(rows, f.Biases[i])
	}
	n, err := NewFromParams(weights, biases)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	n.Activation, n.Cost = act, cost
	return n, nil
}

// LoadFile reads a network from the model file at path.
func LoadFile(path string) (*Network, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}
