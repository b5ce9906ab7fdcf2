package nn

import (
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/vzorecky/backprop/mat"
)

// rows is a matrix whose number of rows can change without allocating once
// its store has held that many, so that one set of buffers serves full
// mini-batches, the shorter last one and evaluation chunks.
type rows struct {
	mat.Dense
	store []float64
}

func (r *rows) resize(m, cols int) {
	if raw := r.RawMatrix(); raw.Rows == m && raw.Cols == cols {
		return
	}
	if cap(r.store) < m*cols {
		r.store = make([]float64, m*cols)
	}
	r.SetRawMatrix(blas64.General{Rows: m, Cols: cols, Stride: cols, Data: r.store[:m*cols]})
}

// row returns row i of m as a slice.
func row(m *mat.Dense, i int) []float64 {
	raw := m.RawMatrix()
	return raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
}

// batchWork holds a mini-batch's weighted inputs Z, activations A and
// errors Δ for every layer but the input: index l−2 holds layer l.
type batchWork struct {
	z, a, delta []rows
}

func (w *batchWork) resize(sizes []int, m int) {
	if w.z == nil {
		w.z = make([]rows, len(sizes)-1)
		w.a = make([]rows, len(sizes)-1)
		w.delta = make([]rows, len(sizes)-1)
	}
	for i, s := range sizes[1:] {
		w.z[i].resize(m, s)
		w.a[i].resize(m, s)
		w.delta[i].resize(m, s)
	}
}

// sampleWork holds the same for one sample, and a contiguous copy of its
// target.
type sampleWork struct {
	z, a, delta []*mat.VecDense
	y           *mat.VecDense
}

func (w *sampleWork) init(sizes []int) {
	if w.z != nil {
		return
	}
	for _, s := range sizes[1:] {
		w.z = append(w.z, mat.NewVecDense(s, nil))
		w.a = append(w.a, mat.NewVecDense(s, nil))
		w.delta = append(w.delta, mat.NewVecDense(s, nil))
	}
	w.y = mat.NewVecDense(sizes[len(sizes)-1], nil)
}
