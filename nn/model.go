package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"

	"github.com/vzorecky/backprop/internal/atomicfile"
	"github.com/vzorecky/backprop/mat"
)

// ModelFormat and ModelVersion identify the model files Save writes.
//
// A model file is JSON:
//
//	{
//	  "format": "backprop-model",
//	  "version": 2,
//	  "sizes": [784, 30, 10],              // neurons per layer, input first
//	  "activations": ["sigmoid", "sigmoid"], // Activation.Name() of each layer after the input
//	  "cost": "quadratic",                 // Cost.Name()
//	  "training": {"init": "normal", "epochs": 30, …}, // the TrainingRecord
//	  "weights": [[…], […]],               // w^2, w^3, …, each row-major
//	  "biases": [[…], […]]                 // b^2, b^3, …
//	}
//
// Version 1 files, which have one "activation" for every layer and no
// "training", still load. Numbers are written in the shortest form that
// reads back to the same float64, so a saved network loads bit for bit.
const (
	ModelFormat  = "backprop-model"
	ModelVersion = 2
)

// ErrModel reports a model file that cannot be loaded.
var ErrModel = errors.New("nn: bad model file")

type modelFile struct {
	Format      string          `json:"format"`
	Version     int             `json:"version"`
	Sizes       []int           `json:"sizes"`
	Activation  string          `json:"activation,omitempty"`  // version 1
	Activations []string        `json:"activations,omitempty"` // version 2
	Cost        string          `json:"cost"`
	Training    *TrainingRecord `json:"training,omitempty"` // version 2
	Weights     [][]float64     `json:"weights"`
	Biases      [][]float64     `json:"biases"`
}

// Save writes the network to w as a model file (see ModelFormat). It fails
// if an activation or the cost is not one Load knows.
func (n *Network) Save(w io.Writer) error {
	if err := n.checkModel(); err != nil {
		return err
	}
	f := modelFile{Format: ModelFormat, Version: ModelVersion, Sizes: n.sizes, Cost: n.cost().Name(), Training: &n.Trained}
	if known, ok := costs[f.Cost]; !ok || reflect.TypeOf(known) != reflect.TypeOf(n.cost()) {
		return fmt.Errorf("nn: cannot save cost %q: Load would not know it", f.Cost)
	}
	for i, l := range n.layers {
		act := n.activation(i).Name()
		if known, ok := activations[act]; !ok || reflect.TypeOf(known) != reflect.TypeOf(n.activation(i)) {
			return fmt.Errorf("nn: cannot save activation %q: Load would not know it", act)
		}
		f.Activations = append(f.Activations, act)
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

// Load reads a network from a model file written by Save, of this version
// or version 1, or by network2.py's Network.save (see SaveNetwork2): a file
// without "format" is taken for network2.py's. Every field is checked:
// format and version, layer sizes, the shapes of the weights and biases
// against the sizes, and the names of the activations and the cost.
func Load(r io.Reader) (*Network, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) == nil && keys["format"] == nil && keys["cost"] != nil {
		return loadNetwork2(data)
	}
	var f modelFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	if f.Format != ModelFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrModel, f.Format, ModelFormat)
	}
	if err := checkSizes(f.Sizes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	layers := len(f.Sizes) - 1
	names, err := f.activationNames(layers)
	if err != nil {
		return nil, err
	}
	acts := make([]Activation, layers)
	for i, name := range names {
		var ok bool
		if acts[i], ok = activations[name]; !ok {
			return nil, fmt.Errorf("%w: unknown activation %q", ErrModel, name)
		}
	}
	cost, ok := costs[f.Cost]
	if !ok {
		return nil, fmt.Errorf("%w: unknown cost %q", ErrModel, f.Cost)
	}
	if _, err := layerCount(f.Sizes, len(f.Weights), len(f.Biases)); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
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
	n.Activations, n.Cost = acts, cost
	if f.Training != nil {
		n.Trained = *f.Training
	}
	if err := n.checkModel(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	return n, nil
}

// layerCount returns the number of layers after the input that sizes
// give, or an error unless a file has one weight matrix and one bias
// vector for each.
func layerCount(sizes []int, weights, biases int) (int, error) {
	layers := len(sizes) - 1
	if weights != layers || biases != layers {
		return 0, fmt.Errorf("%d layers need %d weight matrices and bias vectors, the file has %d and %d", len(sizes), layers, weights, biases)
	}
	return layers, nil
}

// decodeStrict decodes the one JSON value of data into v, refusing
// unknown fields and anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the model")
	}
	return nil
}

// activationNames returns the activation of each of the given number of
// layers, as the file's version writes them.
func (f *modelFile) activationNames(layers int) ([]string, error) {
	switch f.Version {
	case 1:
		if f.Activations != nil || f.Training != nil {
			return nil, fmt.Errorf("%w: version 1 has no \"activations\" or \"training\"", ErrModel)
		}
		names := make([]string, layers)
		for i := range names {
			names[i] = f.Activation
		}
		return names, nil
	case ModelVersion:
		if f.Activation != "" {
			return nil, fmt.Errorf("%w: version %d names the activations of all layers in \"activations\", not \"activation\"", ErrModel, f.Version)
		}
		if len(f.Activations) != layers {
			return nil, fmt.Errorf("%w: %d activations for %d layers after the input", ErrModel, len(f.Activations), layers)
		}
		return f.Activations, nil
	}
	return nil, fmt.Errorf("%w: version %d, this library reads versions 1 and %d", ErrModel, f.Version, ModelVersion)
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
