package mat

import (
	"fmt"
	"math"
)

// Sigmoid sets dst[i] = σ(z[i]) = 1 / (1 + e^(−z[i])) (formula F1). dst and
// z may be the same slice. At large |z| it saturates to exactly 0 or 1
// instead of producing NaN: e^1000 is +Inf and 1/(1+Inf) is 0. With
// AVX-512 it takes eight elements at a time, repeating math.Exp's
// operations: the results are math.Exp's, bit for bit.
func Sigmoid(dst, z []float64) {
	checkLen("Sigmoid", len(dst), len(z))
	for i := 0; i < len(z); {
		i += sigmoidVector(dst[i:], z[i:])
		// The tail, or a group of eight that the vector kernel left to
		// math.Exp's special cases.
		for end := min(i+8, len(z)); i < end; i++ {
			dst[i] = 1 / (1 + math.Exp(-z[i]))
		}
	}
}

// MulSigmoidPrime sets d[i] = d[i] · σ'(z[i]), where a[i] = σ(z[i]): the
// Hadamard product with the sigmoid derivative σ'(z) = σ(z)(1 − σ(z))
// (formula F4), fused into one pass so that σ' is never stored.
func MulSigmoidPrime(d, a []float64) {
	checkLen("MulSigmoidPrime", len(d), len(a))
	if mulSigmoidPrimeVector(d, a) {
		return
	}
	for i, v := range a {
		d[i] *= v * (1 - v)
	}
}

// Hadamard sets dst[i] = x[i] · y[i]. dst may be x or y.
func Hadamard(dst, x, y []float64) {
	checkLen("Hadamard", len(dst), len(x))
	checkLen("Hadamard", len(dst), len(y))
	for i, v := range x {
		dst[i] = v * y[i]
	}
}

// AddRowVec adds v to every row of m: with one sample per row this is the
// bias term 1·bᵀ of Zᵀ = Aᵀ·Wᵀ + 1·bᵀ.
func AddRowVec(m *Dense, v *VecDense) {
	r, c := m.Dims()
	if v.Len() != c {
		panic(fmt.Sprintf("mat: AddRowVec: m has %d columns but v has length %d", c, v.Len()))
	}
	raw, rv := m.RawMatrix(), v.RawVector()
	if rv.Inc == 1 && addRowsVector(raw.Data, raw.Stride, r, rv.Data, c) {
		return
	}
	for i := range r {
		row := raw.Data[i*raw.Stride : i*raw.Stride+c]
		for j := range row {
			row[j] += rv.Data[j*rv.Inc]
		}
	}
}

// RowSum sets dst = alpha·(sum of the rows of m) + beta·dst. With one
// sample per row and m = Δ this is alpha times BP4 summed over the batch.
// With beta == 0 dst is not read.
func RowSum(dst *VecDense, alpha float64, m *Dense, beta float64) {
	r, c := m.Dims()
	if dst.Len() != c {
		panic(fmt.Sprintf("mat: RowSum: m has %d columns but dst has length %d", c, dst.Len()))
	}
	raw, dv := m.RawMatrix(), dst.RawVector()
	// The columns' sums, a block of them at a time, with the vector kernel
	// where it runs.
	var sums [64]float64
	for j0 := 0; j0 < c; j0 += len(sums) {
		block := sums[:min(len(sums), c-j0)]
		if !columnSumsVector(block, raw.Data[j0:], raw.Stride, r) {
			for j := range block {
				var s float64
				for i := range r {
					s += raw.Data[i*raw.Stride+j0+j]
				}
				block[j] = s
			}
		}
		for j, s := range block {
			addScaled(&dv.Data[(j0+j)*dv.Inc], alpha, s, beta)
		}
	}
}

// addScaled sets *d = alpha·s + beta·*d, spelled out so that beta = 1, the
// SGD step, rounds as a plain sum and beta = 0 never reads a NaN.
func addScaled(d *float64, alpha, s, beta float64) {
	switch beta {
	case 1:
		*d += alpha * s
	case 0:
		*d = alpha * s
	default:
		*d = alpha*s + beta**d
	}
}

// ViewRows makes dst a view of rows [from, to) of src, sharing src's data.
// Unlike src.Slice it allocates nothing, so a training loop can walk a data
// set batch by batch.
func ViewRows(dst, src *Dense, from, to int) {
	r, c := src.Dims()
	if from < 0 || to > r || from >= to {
		panic(fmt.Sprintf("mat: ViewRows: rows [%d, %d) of a %d-row matrix", from, to, r))
	}
	raw := src.RawMatrix()
	raw.Data = raw.Data[from*raw.Stride : (to-1)*raw.Stride+c]
	raw.Rows = to - from
	dst.SetRawMatrix(raw)
}

func checkLen(op string, n, m int) {
	if n != m {
		panic(fmt.Sprintf("mat: %s: lengths %d and %d differ", op, n, m))
	}
}
