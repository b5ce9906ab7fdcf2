package mat

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// sparseBytes returns rows×cols bytes, stride apart, in which each group
// of eight columns is all zero with probability empty, as the blank parts
// of a digit are; the other groups hold random bytes, a few of them 0,
// and a 255 here and there.
func sparseBytes(rng *rand.Rand, rows, cols, stride int, empty float64) []byte {
	s := make([]byte, rows*stride)
	for i := range rows {
		for g := 0; g < cols; g += 8 {
			if rng.Float64() < empty {
				continue
			}
			for j := g; j < min(g+8, cols); j++ {
				switch rng.IntN(5) {
				case 0:
				case 1:
					s[i*stride+j] = 255
				default:
					s[i*stride+j] = byte(rng.IntN(256))
				}
			}
		}
	}
	return s
}

// MulABTBytes and MulATBBytes give MulABT's and MulATB's bits on the
// expanded bytes: with the byte kernels (AVX-512, divisor 255, a map,
// columns a multiple of 8, neurons of 3, one thread), and expanded
// otherwise (another divisor, no map, awkward sizes, several threads).
// The sizes cross the kernels' edges: 16 neurons a call, chunks of 256
// columns, blocks of 64 samples.
func TestScaledBytesProductsSameBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 31))
	by255, by3 := NewByteScale(255), NewByteScale(3)
	for _, tc := range []struct {
		samples, neurons, inputs, pad int
		scale                         *ByteScale
		mapped                        bool
		threads                       int
	}{
		{1, 3, 8, 0, by255, true, 1},
		{10, 15, 784, 0, by255, true, 1},
		{100, 15, 784, 0, by255, true, 1},
		{100, 15, 784, 8, by255, true, 1},
		{7, 30, 264, 3, by255, true, 1},
		{65, 18, 512, 0, by255, true, 1},
		{130, 51, 784, 0, by255, true, 1},
		{3, 6, 1032, 0, by255, true, 1},
		{10, 15, 784, 0, by255, false, 1},
		{10, 15, 784, 0, by3, true, 1},
		{10, 16, 784, 0, by255, true, 1},
		{10, 15, 785, 1, by255, true, 1},
		{200, 300, 784, 0, by255, true, 0},
	} {
		name := fmt.Sprintf("%d×%d from %d, stride +%d, divisor %v, mapped %v, threads %d", tc.samples, tc.neurons, tc.inputs, tc.pad, tc.scale.d, tc.mapped, tc.threads)
		t.Run(name, func(t *testing.T) {
			impl := Tuned{Threads: tc.threads}
			stride := tc.inputs + tc.pad
			x := ScaledBytes{Rows: tc.samples, Cols: tc.inputs, Stride: stride, Data: sparseBytes(rng, tc.samples, tc.inputs, stride, 0.6), Scale: tc.scale}
			var nz *NonzeroGroups
			if tc.mapped {
				nz = new(NonzeroGroups)
				nz.Reset(tc.samples, tc.inputs)
				for i := range tc.samples {
					nz.FindBytes(i, x.Data[i*stride:i*stride+tc.inputs])
				}
			}
			var expanded Dense
			x.Expand(&expanded)
			w := NewDense(tc.neurons, tc.inputs, randSlice(rng, tc.neurons*tc.inputs))
			d := NewDense(tc.samples, tc.neurons, randSlice(rng, tc.samples*tc.neurons))
			for _, s := range []struct{ alpha, beta float64 }{{1, 0}, {-0.03, 1 - 1e-5}, {2.5, 0.5}} {
				var want, have Dense
				impl.MulABT(&want, s.alpha, &expanded, nz, w, 0)
				impl.MulABTBytes(&have, s.alpha, x, nz, w, 0)
				if diff := firstDifference(have.RawMatrix().Data, want.RawMatrix().Data); diff != "" {
					t.Errorf("a·bᵀ, alpha %v: %s", s.alpha, diff)
				}
				wantW, haveW := DenseCopyOf(w), DenseCopyOf(w)
				impl.MulATB(wantW, s.alpha, d, &expanded, nz, s.beta)
				impl.MulATBBytes(haveW, s.alpha, d, x, nz, s.beta)
				if diff := firstDifference(haveW.RawMatrix().Data, wantW.RawMatrix().Data); diff != "" {
					t.Errorf("aᵀ·b, alpha %v, beta %v: %s", s.alpha, s.beta, diff)
				}
			}
		})
	}
}

// The byte products check their operands as MulABT and MulATB do, and
// panic with the package's prefix.
func TestScaledBytesPanics(t *testing.T) {
	x := ScaledBytes{Rows: 4, Cols: 16, Stride: 16, Data: make([]byte, 64), Scale: NewByteScale(255)}
	w, c := NewDense(3, 16, nil), NewDense(4, 3, nil)
	var wrong NonzeroGroups
	wrong.Reset(4, 8)
	short, unscaled, narrow := x, x, x
	short.Data = short.Data[:60]
	unscaled.Scale = nil
	narrow.Stride = 8
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"MulABTBytes, wrong map", func() { Tuned{}.MulABTBytes(c, 1, x, &wrong, w, 0) }},
		{"MulABTBytes, wrong c", func() { Tuned{}.MulABTBytes(NewDense(3, 3, nil), 1, x, nil, w, 0) }},
		{"MulABTBytes, wrong b", func() { Tuned{}.MulABTBytes(c, 1, x, nil, NewDense(3, 8, nil), 0) }},
		{"MulABTBytes, empty c, beta 1", func() { Tuned{}.MulABTBytes(&Dense{}, 1, x, nil, w, 1) }},
		{"MulATBBytes, wrong map", func() { Tuned{}.MulATBBytes(NewDense(3, 16, nil), 1, c, x, &wrong, 0) }},
		{"MulATBBytes, wrong a", func() { Tuned{}.MulATBBytes(NewDense(3, 16, nil), 1, NewDense(5, 3, nil), x, nil, 0) }},
		{"short data", func() { Tuned{}.MulABTBytes(c, 1, short, nil, w, 0) }},
		{"no scale", func() { Tuned{}.MulATBBytes(NewDense(3, 16, nil), 1, c, unscaled, nil, 0) }},
		{"stride below the columns", func() { narrow.Expand(&Dense{}) }},
		{"Expand, wrong dst", func() { x.Expand(NewDense(4, 15, nil)) }},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s did not panic", tc.name)
				} else if s, ok := r.(string); !ok || len(s) < 5 || s[:5] != "mat: " {
					t.Errorf("%s panicked with %v", tc.name, r)
				}
			}()
			tc.f()
		}()
	}
}
