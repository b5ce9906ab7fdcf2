package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
)

// naiveGroups returns the map of a rows×cols matrix the simple way: one
// bool a group, true when one of its values is not +0.
func naiveGroups(data []float64, rows, cols, stride int) [][]bool {
	m := make([][]bool, rows)
	for i := range rows {
		m[i] = make([]bool, (cols+7)/8)
		for j := range cols {
			if math.Float64bits(data[i*stride+j]) != 0 {
				m[i][j/8] = true
			}
		}
	}
	return m
}

// checkMap reports the first group where g differs from want.
func checkMap(t *testing.T, name string, g *NonzeroGroups, want [][]bool) {
	t.Helper()
	for i := range want {
		for j, nz := range want[i] {
			if g.Nonzero(i, j) != nz {
				t.Errorf("%s: group %d of row %d: bit %v, want %v", name, j, i, g.Nonzero(i, j), nz)
				return
			}
		}
	}
}

// Find sets the bit of every group that holds something other than +0,
// and no other, at widths around the words of 64 groups and the vector
// kernel's groups, with a last group shorter than eight, and values that
// are easy to miss: −0, the smallest subnormal, NaN, −Inf.
func TestNonzeroGroupsFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	odd := []float64{math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.NaN(), math.Inf(-1), 1}
	for _, cols := range []int{0, 1, 7, 8, 9, 63, 64, 65, 511, 512, 513, 520, 784, 1030} {
		for _, rows := range []int{0, 1, 5} {
			stride := cols + 3
			data := make([]float64, rows*stride)
			for i := range rows {
				for j := range cols {
					if rng.IntN(20) == 0 {
						data[i*stride+j] = odd[rng.IntN(len(odd))]
					}
				}
			}
			// Past each row's end, values that must not count.
			for i := range rows {
				for j := cols; j < stride; j++ {
					data[i*stride+j] = 1
				}
			}
			a := &Dense{}
			a.SetRawMatrix(blas64.General{Rows: rows, Cols: cols, Stride: stride, Data: data})
			var g NonzeroGroups
			g.Find(a)
			if r, c := g.Dims(); r != rows || c != cols {
				t.Fatalf("%d×%d: the map is %d×%d", rows, cols, r, c)
			}
			checkMap(t, "Find", &g, naiveGroups(data, rows, cols, stride))
		}
	}
}

// FindBytes maps a row of bytes as Find maps the row ByteScale makes of
// it, and leaves the other rows as they were.
func TestNonzeroGroupsFindBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 22))
	scale := NewByteScale(255)
	for _, cols := range []int{1, 7, 8, 9, 63, 64, 65, 511, 512, 513, 784} {
		pixels := make([]byte, 3*cols)
		for i := range pixels {
			if rng.IntN(12) == 0 {
				pixels[i] = byte(1 + rng.IntN(255))
			}
		}
		x := NewDense(3, cols, nil)
		for i := range 3 {
			scale.Expand(x.RawRowView(i), pixels[i*cols:(i+1)*cols])
		}
		var want, got NonzeroGroups
		want.Find(x)
		got.Reset(3, cols)
		for i := range 3 {
			got.Set(i, 0) // FindBytes clears what was there
		}
		for _, i := range []int{2, 0, 1} {
			got.FindBytes(i, pixels[i*cols:(i+1)*cols])
		}
		checkMap(t, "FindBytes", &got, naiveGroups(x.RawMatrix().Data, 3, cols, cols))
		if !equalMaps(&got, &want) {
			t.Errorf("%d columns: FindBytes and Find differ", cols)
		}
	}
}

func equalMaps(a, b *NonzeroGroups) bool {
	if a.rows != b.rows || a.cols != b.cols {
		return false
	}
	for i, w := range a.bits {
		if b.bits[i] != w {
			return false
		}
	}
	return true
}

// transpose64 and groupRows.samples turn a map by group: bit l of
// byGroup[q] is bit q of row l.
func TestGroupSamples(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 23))
	var m, orig [64]uint64
	for i := range m {
		m[i] = rng.Uint64() & rng.Uint64()
		orig[i] = m[i]
	}
	transpose64(&m)
	for i := range 64 {
		for j := range 64 {
			if m[i]>>j&1 != orig[j]>>i&1 {
				t.Fatalf("transpose64: bit %d of word %d is not bit %d of word %d", j, i, i, j)
			}
		}
	}
	for _, tc := range []struct{ rows, cols, l0, ln, q0, groups int }{
		{10, 784, 0, 10, 0, 98},
		{100, 784, 64, 36, 0, 98},
		{64, 2000, 0, 64, 128, 122},
		{3, 1030, 1, 2, 128, 1},
		{70, 520, 6, 64, 64, 1},
		// Few rows, turned eight at a time: every count of the last eight.
		{1, 784, 0, 1, 0, 98},
		{20, 784, 3, 7, 0, 98},
		{20, 784, 0, 8, 0, 98},
		{20, 784, 11, 9, 0, 98},
		{16, 784, 0, 16, 0, 98},
		{40, 784, 5, 17, 0, 98},
		{12, 1100, 1, 11, 128, 10},
		{12, 64 * 8 * 3, 0, 12, 64, 128},
	} {
		var g NonzeroGroups
		g.Reset(tc.rows, tc.cols)
		for i := range tc.rows {
			for j := range (tc.cols + 7) / 8 {
				if rng.IntN(3) == 0 {
					g.Set(i, j)
				}
			}
		}
		byGroup := make([]uint64, tc.groups)
		for i := range byGroup {
			byGroup[i] = rng.Uint64() // overwritten
		}
		groupRows{bits: g.bits, words: g.words}.samples(byGroup, tc.l0, tc.ln, tc.q0)
		for q, word := range byGroup {
			for l := range 64 {
				want := l < tc.ln && g.Nonzero(tc.l0+l, tc.q0+q)
				if (word>>l&1 == 1) != want {
					t.Fatalf("%+v: bit %d of group %d is %v", tc, l, tc.q0+q, !want)
				}
			}
		}
	}
}

// MulABT and MulATB give Dgemm's bits with a map found by Find, with one
// that marks more groups than hold a nonzero, and with none; on one
// thread, and cut into strips on two (whose rows of the map begin where
// their rows of a do).
func TestMulGroupsSameBitsAsDgemm(t *testing.T) {
	rng := rand.New(rand.NewPCG(24, 24))
	for _, tc := range []struct {
		name    string
		m, n, k int
		threads int
	}{
		{"one thread", 40, 30, 784, 1},
		{"short rows", 33, 15, 20, 1},
		{"few rows", 10, 15, 784, 1},
		{"strips", 256, 200, 784, 2},
	} {
		for _, trans := range []bool{false, true} {
			alpha, beta := -0.03, []float64{0, 1}[rng.IntN(2)]
			// The sparse operand x holds one sample per row: m×k for a·bᵀ,
			// k×n for aᵀ·b.
			var x, other *Dense
			if !trans {
				x = NewDense(tc.m, tc.k, sparseSlice(rng, tc.m, tc.k, tc.k, 0.6))
				other = NewDense(tc.n, tc.k, randSlice(rng, tc.n*tc.k))
			} else {
				x = NewDense(tc.k, tc.n, sparseSlice(rng, tc.k, tc.n, tc.n, 0.6))
				other = NewDense(tc.k, tc.m, randSlice(rng, tc.k*tc.m))
			}
			c0 := NewDense(tc.m, tc.n, randSlice(rng, tc.m*tc.n))
			impl := Tuned{Threads: tc.threads}
			want := DenseCopyOf(c0)
			if !trans {
				Mul(impl, want, alpha, false, x, true, other, beta)
			} else {
				Mul(impl, want, alpha, true, other, false, x, beta)
			}
			var found, more NonzeroGroups
			found.Find(x)
			more.Find(x)
			r, cols := more.Dims()
			for range r {
				more.Set(rng.IntN(r), rng.IntN((cols+7)/8))
			}
			for _, nz := range []struct {
				name string
				g    *NonzeroGroups
			}{{"found", &found}, {"more", &more}, {"none", nil}} {
				got := DenseCopyOf(c0)
				if !trans {
					impl.MulABT(got, alpha, x, nz.g, other, beta)
				} else {
					impl.MulATB(got, alpha, other, x, nz.g, beta)
				}
				if diff := firstDifference(got.RawMatrix().Data, want.RawMatrix().Data); diff != "" {
					t.Errorf("%s, transposed %v, map %s: %s", tc.name, trans, nz.name, diff)
				}
			}
		}
	}
}

// A map of the wrong size, and rows or groups out of range, are a
// programmer's error: they panic, naming the routine.
func TestNonzeroGroupsPanics(t *testing.T) {
	a, b, c := NewDense(4, 16, nil), NewDense(3, 16, nil), NewDense(4, 3, nil)
	var wrong, g NonzeroGroups
	wrong.Reset(4, 8)
	g.Reset(2, 16)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"MulABT", func() { Tuned{}.MulABT(c, 1, a, &wrong, b, 0) }},
		{"MulATB", func() { Tuned{}.MulATB(NewDense(3, 16, nil), 1, c, a, &wrong, 0) }},
		{"Reset", func() { g.Reset(-1, 3) }},
		{"Set", func() { g.Set(2, 0) }},
		{"Nonzero", func() { g.Nonzero(0, 2) }},
		{"FindBytes", func() { g.FindBytes(0, make([]byte, 15)) }},
	} {
		mustPanic(t, tc.name, tc.f)
	}
}

// mustPanic checks that f panics with a message that starts with the
// package's name, as gonum's do.
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r == nil {
			t.Errorf("%s did not panic", name)
		} else if s, ok := r.(string); !ok || len(s) < 5 || s[:5] != "mat: " {
			t.Errorf("%s panicked with %v", name, r)
		}
	}()
	f()
}

// BenchmarkGroupSamples measures turning a mini-batch's map of 784
// inputs by group, for the weight gradient.
func BenchmarkGroupSamples(b *testing.B) {
	rng := rand.New(rand.NewPCG(25, 25))
	for _, rows := range []int{10, 16, 64} {
		var g NonzeroGroups
		g.Reset(rows, 784)
		for i := range rows {
			for j := range 98 {
				if rng.IntN(5) < 2 {
					g.Set(i, j)
				}
			}
		}
		byGroup := make([]uint64, 98)
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				groupRows{bits: g.bits, words: g.words}.samples(byGroup, 0, rows, 0)
			}
		})
	}
}
