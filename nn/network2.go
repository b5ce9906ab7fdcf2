package nn

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"

	"github.com/vzorecky/backprop/internal/atomicfile"
	"github.com/vzorecky/backprop/mat"
)

// network2File is the JSON that Network.save of Nielsen's network2.py
// writes and network2.load reads: every weight matrix as a list of rows,
// every bias vector as a column (a list of one-element lists), and the
// cost's class name. Its networks are sigmoid in every layer.
type network2File struct {
	Sizes   []int         `json:"sizes"`
	Weights [][][]float64 `json:"weights"`
	Biases  [][][]float64 `json:"biases"`
	Cost    string        `json:"cost"`
}

// network2Costs maps network2.py's cost classes to this package's costs.
var network2Costs = map[string]Cost{"QuadraticCost": Quadratic{}, "CrossEntropyCost": CrossEntropy{}}

// SaveNetwork2 writes the network as network2.py's Network.save does, so
// that network2.load reads it. Only what network2.py can hold is written:
// a network with sigmoid layers and the quadratic or cross-entropy cost.
func (n *Network) SaveNetwork2(w io.Writer) error {
	if err := n.checkModel(); err != nil {
		return err
	}
	f := network2File{Sizes: n.sizes}
	for name, c := range network2Costs {
		if reflect.TypeOf(c) == reflect.TypeOf(n.cost()) {
			f.Cost = name
		}
	}
	if f.Cost == "" {
		return fmt.Errorf("nn: network2.py has no %s cost", n.cost().Name())
	}
	for i, l := range n.layers {
		if _, ok := n.activation(i).(Sigmoid); !ok {
			return fmt.Errorf("nn: network2.py has only sigmoid layers, layer %d is %s", i+2, n.activation(i).Name())
		}
		out, in := l.shape()
		rows, column := make([][]float64, out), make([][]float64, out)
		for r := range out {
			rows[r] = row(l.w, r)[:in:in]
			column[r] = []float64{l.b.AtVec(r)}
		}
		f.Weights = append(f.Weights, rows)
		f.Biases = append(f.Biases, column)
	}
	return json.NewEncoder(w).Encode(&f)
}

// SaveNetwork2File writes the network to the file at path as SaveNetwork2
// does, atomically.
func (n *Network) SaveNetwork2File(path string) error {
	return atomicfile.Write(path, 0o644, n.SaveNetwork2)
}

// loadNetwork2 reads the JSON of network2.py's Network.save.
func loadNetwork2(data []byte) (*Network, error) {
	var f network2File
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("%w: network2.py file: %w", ErrModel, err)
	}
	cost, ok := network2Costs[f.Cost]
	if !ok {
		return nil, fmt.Errorf("%w: network2.py file: unknown cost %q, want QuadraticCost or CrossEntropyCost", ErrModel, f.Cost)
	}
	if err := checkSizes(f.Sizes); err != nil {
		return nil, fmt.Errorf("%w: network2.py file: %w", ErrModel, err)
	}
	layers, err := layerCount(f.Sizes, len(f.Weights), len(f.Biases))
	if err != nil {
		return nil, fmt.Errorf("%w: network2.py file: %w", ErrModel, err)
	}
	weights := make([]*mat.Dense, layers)
	biases := make([]*mat.VecDense, layers)
	for i := range layers {
		out, in := f.Sizes[i+1], f.Sizes[i]
		if len(f.Weights[i]) != out || len(f.Biases[i]) != out {
			return nil, fmt.Errorf("%w: network2.py file: layer %d has %d weight rows and %d biases, want %d", ErrModel, i+2, len(f.Weights[i]), len(f.Biases[i]), out)
		}
		weights[i] = mat.NewDense(out, in, nil)
		biases[i] = mat.NewVecDense(out, nil)
		for r := range out {
			if len(f.Weights[i][r]) != in || len(f.Biases[i][r]) != 1 {
				return nil, fmt.Errorf("%w: network2.py file: layer %d row %d has %d weights and %d biases, want %d and 1", ErrModel, i+2, r, len(f.Weights[i][r]), len(f.Biases[i][r]), in)
			}
			weights[i].SetRow(r, f.Weights[i][r])
			biases[i].SetVec(r, f.Biases[i][r][0])
		}
	}
	n, err := NewFromParams(weights, biases)
	if err != nil {
		return nil, fmt.Errorf("%w: network2.py file: %w", ErrModel, err)
	}
	n.Cost = cost
	return n, nil
}
