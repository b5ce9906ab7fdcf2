package mat

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// TestParallelDgemmSameBits checks that every product the network makes
// gives the same bits on 1 to 5 threads, at awkward sizes (strips that do
// not divide evenly, fewer groups than threads), with every kernel set.
func TestParallelDgemmSameBits(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 5))
		for _, s := range [][3]int{{100, 30, 784}, {10, 30, 784}, {10, 100, 1200}, {13, 31, 2600}, {7, 5, 30000}, {64, 800, 100}, {3, 257, 1290}, {5, 150, 1400}, {20, 800, 784}, {1500, 30, 784}} {
			m, n, k := s[0], s[1], s[2]
			for _, op := range []struct {
				name       string
				tA, tB     bool
				ar, ac     int // a's shape
				br, bc     int
				alpha, bet float64
			}{
				{"a·bᵀ (forward)", false, true, m, k, n, k, 1, 0},
				{"aᵀ·b (gradient)", true, false, k, m, k, n, -0.3, 1},
				{"a·b (backward)", false, false, m, k, k, n, 1, 0},
			} {
				a, b := denseOf(rng, op.ar, op.ac), denseOf(rng, op.br, op.bc)
				start := denseOf(rng, m, n)
				var want *Dense
				for threads := 1; threads <= 5; threads++ {
					got := NewDense(m, n, nil)
					got.Copy(start)
					Mul(Tuned{Threads: threads}, got, op.alpha, op.tA, a, op.tB, b, op.bet)
					if threads == 1 {
						want = got
						continue
					}
					if !slices.Equal(got.RawMatrix().Data, want.RawMatrix().Data) {
						t.Errorf("%s, m=%d n=%d k=%d: %d threads differ from 1 in the last bits", op.name, m, n, k, threads)
					}
				}
			}
		}
	})
}

// TestParallelDgemmGOMAXPROCS checks that the default, every core, gives
// the bits of one core.
func TestParallelDgemmGOMAXPROCS(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	a, b := denseOf(rng, 100, 784), denseOf(rng, 30, 784)
	var results [][]float64
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		got := NewDense(100, 30, nil)
		Mul(Tuned{}, got, 1, false, a, true, b, 0)
		runtime.GOMAXPROCS(old)
		results = append(results, got.RawMatrix().Data)
	}
	for i, r := range results[1:] {
		if !slices.Equal(r, results[0]) {
			t.Errorf("GOMAXPROCS %d differs from 1", []int{2, 4}[i])
		}
	}
}

// TestParallelDgemmConcurrentCallers runs products from several goroutines
// at once, so that some find the workers busy and compute their strips
// themselves: every answer is the serial one.
func TestParallelDgemmConcurrentCallers(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	a, b := denseOf(rng, 50, 300), denseOf(rng, 40, 300)
	want := NewDense(50, 40, nil)
	Mul(Tuned{Threads: 1}, want, 1, false, a, true, b, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for range 20 {
				got := NewDense(50, 40, nil)
				Mul(Tuned{Threads: 2 + g%3}, got, 1, false, a, true, b, 0)
				if !slices.Equal(got.RawMatrix().Data, want.RawMatrix().Data) {
					t.Errorf("goroutine %d: differs from the serial product", g)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestStripBound(t *testing.T) {
	for _, tc := range []struct {
		n, parts, align int
		want            []int
	}{
		{30, 2, 3, []int{0, 15, 30}},
		{31, 2, 3, []int{0, 15, 31}}, // 11 groups of 3: 5 and 6
		{10, 3, 3, []int{0, 3, 6, 10}},
		{784, 2, 4, []int{0, 392, 784}},
		{7, 2, 4, []int{0, 4, 7}},
	} {
		var got []int
		for i := range tc.parts + 1 {
			got = append(got, stripBound(tc.n, tc.parts, tc.align, i))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("stripBound(%d, %d, %d, ·) = %v, want %v", tc.n, tc.parts, tc.align, got, tc.want)
		}
	}
}

func BenchmarkParallelForward(b *testing.B) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, m := range []int{10, 100} {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("m=%d/threads=%d", m, threads), func(b *testing.B) {
				a, w := denseOf(rng, m, 784), denseOf(rng, 30, 784)
				c := NewDense(m, 30, nil)
				b.ReportAllocs()
				for b.Loop() {
					Mul(Tuned{Threads: threads}, c, 1, false, a, true, w, 0)
				}
			})
		}
	}
}

// TestTunedGradientInBlocks checks what package nn's blocked step relies
// on: aᵀ·b over k rows has the bits of the product over the first j rows,
// then, with beta 1, over the rest, when j is a multiple of
// TunedGradientBlock; on one thread and on several, with every kernel set.
func TestTunedGradientInBlocks(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(9, 9))
		for _, s := range [][3]int{{30, 784, 1000}, {10, 30, 1003}, {31, 50, 300}, {7, 9, 131}, {100, 784, 260}} {
			m, n, k := s[0], s[1], s[2]
			a, b, start := denseOf(rng, k, m), denseOf(rng, k, n), denseOf(rng, m, n)
			for _, threads := range []int{1, 2} {
				impl := Tuned{Threads: threads}
				whole := NewDense(m, n, nil)
				whole.Copy(start)
				Mul(impl, whole, -0.3, true, a, false, b, 0.9)
				for j := TunedGradientBlock; j < k; j += 2 * TunedGradientBlock {
					var aHead, aTail, bHead, bTail Dense
					ViewRows(&aHead, a, 0, j)
					ViewRows(&aTail, a, j, k)
					ViewRows(&bHead, b, 0, j)
					ViewRows(&bTail, b, j, k)
					got := NewDense(m, n, nil)
					got.Copy(start)
					Mul(impl, got, -0.3, true, &aHead, false, &bHead, 0.9)
					Mul(impl, got, -0.3, true, &aTail, false, &bTail, 1)
					if !slices.Equal(got.RawMatrix().Data, whole.RawMatrix().Data) {
						t.Errorf("m=%d n=%d k=%d, %d threads: split at row %d differs from the whole product", m, n, k, threads, j)
					}
				}
			}
		}
	})
}
