package mat

import (
	"fmt"
	"math"
)

// A ByteScale makes compact data, one byte a value, float64 rows of the
// values b/d, exactly as float64(b)/d rounds them: MNIST's pixels scaled
// to [0, 1] with d = 255. With AVX-512 it takes eight bytes at a time and
// computes them, which is faster than gathering them from a table: q =
// b·(1/d), corrected once by the residual b − q·d, which a fused
// multiply-add gives exactly, to q + (b − q·d)·(1/d). NewByteScale checks
// that this is b/d for all 256 bytes, as it was for every divisor tried;
// for one where it would not be, and without AVX-512, Expand looks the
// values up in a table of the 256 quotients. Dividing by 255, as for
// MNIST, it needs less: b/255 is 0.bbbbbbbb… in base 256, so the word of
// eight copies of b, converted to a double and scaled by 2⁻⁶⁴, is b/255
// rounded, as NewByteScale checks for every byte.
type ByteScale struct {
	table  [256]float64
	d, r   float64
	fast   bool // the corrected product is b/d for every byte b
	repeat bool // so is the repeated byte scaled by 2⁻⁶⁴
}

// NewByteScale returns the ByteScale of divisor d. It panics if d is 0,
// infinite or NaN.
func NewByteScale(d float64) *ByteScale {
	if d == 0 || math.IsInf(d, 0) || math.IsNaN(d) {
		panic(fmt.Sprintf("mat: NewByteScale: divisor %v", d))
	}
	// The checks below decide both: the repeated byte is b/d only for d = 255.
	s := &ByteScale{d: d, r: 1 / d, fast: true, repeat: true}
	for b := range s.table {
		s.table[b] = float64(b) / d
		if s.corrected(float64(b)) != s.table[b] {
			s.fast = false
		}
		if repeated(byte(b)) != s.table[b] {
			s.repeat = false
		}
	}
	return s
}

// repeated is the arithmetic of the kernel for divisor 255 on one byte.
func repeated(b byte) float64 {
	return float64(uint64(b)*0x0101010101010101) * 0x1p-64
}

// corrected is the vector kernel's arithmetic on one value.
func (s *ByteScale) corrected(x float64) float64 {
	q := x * s.r
	return math.FMA(math.FMA(-q, s.d, x), s.r, q)
}

// Expand sets dst[i] = float64(src[i]) / d.
func (s *ByteScale) Expand(dst []float64, src []byte) {
	checkLen("ByteScale.Expand", len(dst), len(src))
	i := 0
	if s.repeat {
		i = scale255Vector(dst, src)
	}
	if i == 0 && s.fast {
		i = scaleVector(dst, src, s.r, s.d)
	}
	for ; i < len(src); i++ {
		dst[i] = s.table[src[i]]
	}
}
