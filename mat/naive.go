package mat

// Naive computes the products with plain Go loops over the raw row-major
// data: the textbook definitions, kept as the reference that the BLAS
// implementation is tested against and benchmarked with.
type Naive struct{}

var _ Products = Naive{}

// steps returns how far apart, in the raw data, neighbouring rows and
// neighbouring columns of op(m) are: a transpose only swaps the two, so one
// loop serves every combination of transposes.
func steps(m *Dense, trans bool) (row, col int) {
	stride := m.RawMatrix().Stride
	if trans {
		return 1, stride
	}
	return stride, 1
}

// MulVec sets dst = a·x, or aᵀ·x when transA is set.
func (Naive) MulVec(dst *VecDense, transA bool, a *Dense, x *VecDense) {
	rows, cols := mulVecShape(dst, transA, a, x)
	ad := a.RawMatrix().Data
	ar, ac := steps(a, transA)
	xv, dv := x.RawVector(), dst.RawVector()
	for i := range rows {
		var s float64
		for j := range cols {
			s += ad[i*ar+j*ac] * xv.Data[j*xv.Inc]
		}
		dv.Data[i*dv.Inc] = s
	}
}

// Mul sets dst = alpha·op(a)·op(b) + beta·dst.
func (Naive) Mul(dst *Dense, alpha float64, transA bool, a *Dense, transB bool, b *Dense, beta float64) {
	m, n, k := mulShape(dst, transA, a, transB, b, beta)
	ad, bd := a.RawMatrix().Data, b.RawMatrix().Data
	ar, ac := steps(a, transA)
	br, bc := steps(b, transB)
	c := dst.RawMatrix()
	for i := range m {
		for j := range n {
			var s float64
			for l := range k {
				s += ad[i*ar+l*ac] * bd[l*br+j*bc]
			}
			s *= alpha
			if beta != 0 {
				s += beta * c.Data[i*c.Stride+j]
			}
			c.Data[i*c.Stride+j] = s
		}
	}
}

// AddOuter sets dst = dst + alpha·x·yᵀ.
func (Naive) AddOuter(dst *Dense, alpha float64, x, y *VecDense) {
	outerShape(dst, x, y)
	xv, yv, c := x.RawVector(), y.RawVector(), dst.RawMatrix()
	for i := range x.Len() {
		for j := range y.Len() {
			c.Data[i*c.Stride+j] += alpha * xv.Data[i*xv.Inc] * yv.Data[j*yv.Inc]
		}
	}
}
