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
// otherwise (another divisor, no map, awkward sizes, several threads);
// with rows one after another, and picked by an index, repeats among
// them. The sizes cross the kernels' edges: 16 neurons a call, chunks of
// 256 columns, blocks of 64 samples and of 256 rows.
func TestScaledBytesProductsSameBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 31))
	by255, by3 := NewByteScale(255), NewByteScale(3)
	for _, tc := range []struct {
		samples, neurons, inputs, pad int
		scale                         *ByteScale
		mapped                        bool
		threads                       int
		indexed                       bool // rows picked from three times as many
	}{
		{1, 3, 8, 0, by255, true, 1, false},
		{10, 15, 784, 0, by255, true, 1, false},
		{100, 15, 784, 0, by255, true, 1, false},
		{100, 15, 784, 8, by255, true, 1, false},
		{7, 30, 264, 3, by255, true, 1, false},
		{65, 18, 512, 0, by255, true, 1, false},
		{130, 51, 784, 0, by255, true, 1, false},
		{3, 6, 1032, 0, by255, true, 1, false},
		{10, 15, 784, 0, by255, false, 1, false},
		{10, 15, 784, 0, by3, true, 1, false},
		{10, 16, 784, 0, by255, true, 1, false},
		{10, 15, 785, 1, by255, true, 1, false},
		{200, 300, 784, 0, by255, true, 0, false},
		{10, 15, 784, 0, by255, true, 1, true},
		{100, 15, 784, 3, by255, true, 1, true},
		{300, 30, 784, 0, by255, true, 1, true},
		{100, 14, 784, 0, by255, true, 1, true},
		{10, 15, 784, 0, by3, true, 1, true},
	} {
		name := fmt.Sprintf("%d×%d from %d, stride +%d, divisor %v, mapped %v, threads %d, indexed %v", tc.samples, tc.neurons, tc.inputs, tc.pad, tc.scale.d, tc.mapped, tc.threads, tc.indexed)
		t.Run(name, func(t *testing.T) {
			impl := Tuned{Threads: tc.threads}
			stride := tc.inputs + tc.pad
			x := ScaledBytes{Rows: tc.samples, Cols: tc.inputs, Stride: stride, Data: sparseBytes(rng, tc.samples, tc.inputs, stride, 0.6), Scale: tc.scale}
			if tc.indexed {
				x.Data = sparseBytes(rng, 3*tc.samples, tc.inputs, stride, 0.6)
				for range tc.samples {
					x.Index = append(x.Index, rng.IntN(3*tc.samples))
				}
			}
			var nz *NonzeroGroups
			if tc.mapped {
				nz = new(NonzeroGroups)
				nz.Reset(tc.samples, tc.inputs)
				for i := range tc.samples {
					nz.FindBytes(i, x.Data[x.offset(i):x.offset(i)+tc.inputs])
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
	short, unscaled, narrow, past, negative, uneven := x, x, x, x, x, x
	short.Data = short.Data[:60]
	unscaled.Scale = nil
	narrow.Stride = 8
	past.Index = []int{0, 1, 2, 4}
	negative.Index = []int{0, -1, 2, 3}
	uneven.Index = []int{0, 1, 2}
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
		{"index past the rows", func() { Tuned{}.MulABTBytes(c, 1, past, nil, w, 0) }},
		{"negative index", func() { negative.Expand(&Dense{}) }},
		{"index of another length", func() { Tuned{}.MulATBBytes(NewDense(3, 16, nil), 1, c, uneven, nil, 0) }},
		{"Expand, wrong dst", func() { x.Expand(NewDense(4, 15, nil)) }},
	} {
		mustPanic(t, tc.name, tc.f)
	}
}

// BenchmarkScaledBytes measures a shard's first-layer products of
// [784, 30, 10] on two cores (15 neurons) on inputs blank as a digit is,
// read as bytes and as their expanded doubles.
func BenchmarkScaledBytes(b *testing.B) {
	rng := rand.New(rand.NewPCG(32, 32))
	const inputs, neurons = 784, 15
	impl := Tuned{Threads: 1}
	for _, m := range []int{10, 100} {
		x := ScaledBytes{Rows: m, Cols: inputs, Stride: inputs, Data: sparseBytes(rng, m, inputs, inputs, 0.6), Scale: NewByteScale(255)}
		var nz NonzeroGroups
		nz.Reset(m, inputs)
		for i := range m {
			nz.FindBytes(i, x.Data[i*inputs:(i+1)*inputs])
		}
		var expanded Dense
		x.Expand(&expanded)
		w := NewDense(neurons, inputs, randSlice(rng, neurons*inputs))
		d := NewDense(m, neurons, randSlice(rng, m*neurons))
		z := NewDense(m, neurons, nil)
		for _, op := range []struct {
			name         string
			bytes, float func()
		}{
			{"forward", func() { impl.MulABTBytes(z, 1, x, &nz, w, 0) }, func() { impl.MulABT(z, 1, &expanded, &nz, w, 0) }},
			{"gradient", func() { impl.MulATBBytes(w, -1e-9, d, x, &nz, 1) }, func() { impl.MulATB(w, -1e-9, d, &expanded, &nz, 1) }},
		} {
			for _, in := range []struct {
				name string
				run  func()
			}{{"bytes", op.bytes}, {"doubles", op.float}} {
				b.Run(fmt.Sprintf("batch=%d/op=%s/input=%s", m, op.name, in.name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						in.run()
					}
				})
			}
		}
	}
}

// ReadsBytes holds exactly where the byte products' kernels read the
// bytes: AVX-512, divisor 255, columns a multiple of 8, neurons a
// multiple of 3 and no more than a kernel takes, a product Tuned keeps on
// one thread.
func TestReadsBytes(t *testing.T) {
	by255 := NewByteScale(255)
	x := func(rows, cols int, s *ByteScale) ScaledBytes {
		return ScaledBytes{Rows: rows, Cols: cols, Stride: cols, Data: make([]byte, rows*cols), Scale: s}
	}
	for _, tc := range []struct {
		name    string
		impl    Tuned
		x       ScaledBytes
		neurons int
		want    bool
	}{
		{"a shard of [784, 30, 10]", Tuned{Threads: 1}, x(100, 784, by255), 15, true},
		{"16 neurons", Tuned{Threads: 1}, x(100, 784, by255), 16, false},
		{"18 neurons, more than a kernel takes", Tuned{Threads: 1}, x(100, 784, by255), 18, false},
		{"785 columns", Tuned{Threads: 1}, x(100, 785, by255), 15, false},
		{"divisor 3", Tuned{Threads: 1}, x(100, 784, NewByteScale(3)), 15, false},
		{"no rows", Tuned{Threads: 1}, x(0, 784, by255), 15, false},
		{"a product split between threads", Tuned{Threads: 2}, x(1000, 784, by255), 800, false},
	} {
		want := tc.want && byteKernels(by255, 15)
		if got := tc.impl.ReadsBytes(tc.x, tc.neurons); got != want {
			t.Errorf("%s: ReadsBytes = %v, want %v", tc.name, got, want)
		}
	}
}
