package nn_test

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

var gradShapes = [][]int{
	{2, 3, 1},
	{1, 1, 1},
	{3, 1, 4, 2},
	{4, 5, 3, 6, 4, 2}, // four hidden layers
	{5, 7},             // no hidden layer
}

// numericGradient returns the central-difference gradient of the batch's
// summed cost with respect to every weight and bias, in flatten's order.
func numericGradient(t *testing.T, net *nn.Network, x, y *mat.Dense) []float64 {
	t.Helper()
	const h = 1e-6
	weights, biases := net.Params()
	m, _ := x.Dims()
	c := net.Cost
	if c == nil {
		c = nn.Quadratic{}
	}
	cost := func() float64 {
		probe, err := nn.NewFromParams(weights, biases)
		if err != nil {
			t.Fatal(err)
		}
		probe.Activations = net.Activations
		var sum float64
		for i := range m {
			var a mat.VecDense
			if err := probe.FeedForward(&a, rowVec(x, i)); err != nil {
				t.Fatal(err)
			}
			sum += c.Value(a.RawVector().Data, rowVec(y, i).RawVector().Data)
		}
		return sum
	}
	var out []float64
	perturb := func(data []float64) {
		for i := range data {
			old := data[i]
			data[i] = old + h
			plus := cost()
			data[i] = old - h
			minus := cost()
			data[i] = old
			out = append(out, (plus-minus)/(2*h))
		}
	}
	for l := range weights {
		perturb(weights[l].RawMatrix().Data)
		perturb(biases[l].RawVector().Data)
	}
	return out
}

func TestGradientMatchesFiniteDifferences(t *testing.T) {
	for si, sizes := range gradShapes {
		for _, m := range []int{1, 7} {
			t.Run(fmt.Sprintf("sizes=%v/batch=%d", sizes, m), func(t *testing.T) {
				net := mustNew(t, sizes, uint64(si))
				x, y := randomBatch(sizes, m, uint64(100+si))
				var g nn.Gradients
				if _, err := net.Gradient(&g, x, y); err != nil {
					t.Fatal(err)
				}
				want := numericGradient(t, net, x, y)
				if e := relErr(flatten(&g), want); e > 1e-6 {
					t.Errorf("relative error %.3g against finite differences, want < 1e-6", e)
				} else {
					t.Logf("relative error %.3g", e)
				}
			})
		}
	}
}

func TestBatchGradientIsSumOfSampleGradients(t *testing.T) {
	for si, sizes := range append(gradShapes, []int{784, 30, 10}) {
		for _, m := range []int{1, 7, 10} {
			t.Run(fmt.Sprintf("sizes=%v/batch=%d", sizes, m), func(t *testing.T) {
				net := mustNew(t, sizes, uint64(si))
				x, y := randomBatch(sizes, m, uint64(200+si))
				var batch nn.Gradients
				cost, err := net.Gradient(&batch, x, y)
				if err != nil {
					t.Fatal(err)
				}
				sum := net.NewGradients()
				var sumCost float64
				for i := range m {
					c, err := net.AddSampleGradient(sum, rowVec(x, i), rowVec(y, i))
					if err != nil {
						t.Fatal(err)
					}
					sumCost += c
				}
				if e := relErr(flatten(&batch), flatten(sum)); e > 1e-12 {
					t.Errorf("batched and per-sample gradients differ: relative error %.3g", e)
				}
				if math.Abs(cost-sumCost/float64(m)) > 1e-12*sumCost {
					t.Errorf("batch cost %v, mean of sample costs %v", cost, sumCost/float64(m))
				}
			})
		}
	}
}

func TestBatchForwardMatchesSampleForward(t *testing.T) {
	for si, sizes := range append(gradShapes, []int{784, 30, 10}) {
		t.Run(fmt.Sprint(sizes), func(t *testing.T) {
			net := mustNew(t, sizes, uint64(si))
			x, _ := randomBatch(sizes, 9, uint64(300+si))
			var out mat.Dense
			if err := net.FeedForwardBatch(&out, x); err != nil {
				t.Fatal(err)
			}
			for i := range 9 {
				var a mat.VecDense
				if err := net.FeedForward(&a, rowVec(x, i)); err != nil {
					t.Fatal(err)
				}
				if !mat.EqualApprox(&a, rowVec(&out, i), 1e-12) {
					t.Errorf("sample %d: batched %v, per-sample %v", i, rowVec(&out, i).RawVector().Data, a.RawVector().Data)
				}
			}
		})
	}
}

func TestNaiveProductsMatchBLAS(t *testing.T) {
	sizes := []int{6, 5, 4, 3}
	x, y := randomBatch(sizes, 8, 7)
	var grads [2]nn.Gradients
	for i, impl := range []blas.Float64{blas64.Implementation(), mat.Naive{}} {
		net := mustNew(t, sizes, 1)
		net.BLAS = impl
		if _, err := net.Gradient(&grads[i], x, y); err != nil {
			t.Fatal(err)
		}
		g := net.NewGradients()
		if _, err := net.AddSampleGradient(g, rowVec(x, 0), rowVec(y, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if e := relErr(flatten(&grads[0]), flatten(&grads[1])); e > 1e-13 {
		t.Errorf("gradients with BLAS and naive products differ: relative error %.3g", e)
	}
}

func TestStepIsGradientDescent(t *testing.T) {
	sizes := []int{5, 4, 3}
	x, y := randomBatch(sizes, 6, 11)
	const eta = 0.7
	stepped := mustNew(t, sizes, 3)
	if _, err := stepped.Step(x, y, eta); err != nil {
		t.Fatal(err)
	}
	manual := mustNew(t, sizes, 3)
	var g nn.Gradients
	if _, err := manual.Gradient(&g, x, y); err != nil {
		t.Fatal(err)
	}
	manual.AddScaled(-eta/6, &g)
	ws, bs := stepped.Params()
	wm, bm := manual.Params()
	for i := range ws {
		if !mat.EqualApprox(ws[i], wm[i], 1e-14) || !mat.EqualApprox(bs[i], bm[i], 1e-14) {
			t.Errorf("layer %d: Step differs from Gradient followed by AddScaled(−ξ/m)", i+2)
		}
	}
}

// TestStepHandComputed checks one SGD step of a 2-2-1 network against
// numbers worked out by hand from F1–F8 (x = (1, 0.5), y = 1, ξ = 0.5, m = 1):
//
//	z² = (0.25, 0.725), a² = (0.56217650, 0.67370710)
//	z³ = 0.0884694, a³ = 0.52210294, C = ½(a³ − 1)² = 0.11419280
//	δ³ = (a³ − 1)·a³(1 − a³) = −0.11924079
//	δ² = w³ᵀδ³ ⊙ a²(1 − a²) = (−0.02934922, 0.02621221)
//	w → w − ξ·δ·aᵀ, b → b − ξ·δ
func TestStepHandComputed(t *testing.T) {
	net, err := nn.NewFromParams(
		[]*mat.Dense{mat.NewDense(2, 2, []float64{0.5, -0.5, 0.25, 0.75}), mat.NewDense(1, 2, []float64{1, -1})},
		[]*mat.VecDense{mat.NewVecDense(2, []float64{0, 0.1}), mat.NewVecDense(1, []float64{0.2})},
	)
	if err != nil {
		t.Fatal(err)
	}
	cost, err := net.Step(mat.NewDense(1, 2, []float64{1, 0.5}), mat.NewDense(1, 1, []float64{1}), 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(cost-0.11419280193672837) > 1e-15 {
		t.Errorf("cost = %v, want 0.11419280193672837", cost)
	}
	w, b := net.Params()
	want := []struct {
		name      string
		got, want []float64
	}{
		{"w2", w[0].RawMatrix().Data, []float64{0.5146746117649778, -0.4926626941175111, 0.2368938959007781, 0.743446947950389}},
		{"b2", b[0].RawVector().Data, []float64{0.014674611764977698, 0.08689389590077812}},
		{"w3", w[1].RawMatrix().Data, []float64{1.033517186251234, -0.9598333151677164}},
		{"b3", b[1].RawVector().Data, []float64{0.2596203971500452}},
	}
	for _, tt := range want {
		for i := range tt.want {
			if math.Abs(tt.got[i]-tt.want[i]) > 1e-15 {
				t.Errorf("%s[%d] = %.17g, want %.17g", tt.name, i, tt.got[i], tt.want[i])
			}
		}
	}
}

func TestStepAllocatesNothing(t *testing.T) {
	net := mustNew(t, []int{784, 30, 10}, 1)
	x, y := randomBatch([]int{784, 30, 10}, 10, 2)
	if _, err := net.Step(x, y, 3); err != nil {
		t.Fatal(err)
	}
	g := net.NewGradients()
	xs, ys := rowVec(x, 0), rowVec(y, 0)
	out := mat.NewVecDense(10, nil)
	tests := map[string]func(){
		"Step":              func() { _, _ = net.Step(x, y, 3) },
		"Gradient":          func() { _, _ = net.Gradient(g, x, y) },
		"AddSampleGradient": func() { _, _ = net.AddSampleGradient(g, xs, ys) },
		"FeedForward":       func() { _ = net.FeedForward(out, xs) },
	}
	for name, f := range tests {
		f()
		if allocs := testing.AllocsPerRun(20, f); allocs != 0 {
			t.Errorf("%s allocates %v times per call once warmed up", name, allocs)
		}
	}
}

// TestTrainStepsAllocateNothing compares the allocations of a shuffled
// epoch over 1,000 and 2,000 samples: the hundred extra mini-batches must
// not add any, whether the steps run on one core or are shared between
// two (a first layer of 30 neurons, two threads: a sharded step), on
// float64 rows or on bytes read in place.
func TestTrainStepsAllocateNothing(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, tc := range []struct {
		sizes   []int
		threads int
		bytes   bool // samples read as bytes (nn.ByteSamples)
	}{
		{[]int{20, 8, 3}, 1, false},
		{[]int{20, 30, 3}, 2, false},
		{[]int{40, 30, 3}, 2, true},
	} {
		allocs := func(n int) float64 {
			x, y := randomBatch(tc.sizes, n, 4)
			net := mustNew(t, tc.sizes, 1)
			net.BLAS = mat.Tuned{Threads: tc.threads}
			var data nn.Samples = &nn.Dataset{X: x, Y: y}
			if tc.bytes {
				data = newByteSamples(tc.sizes, n, mat.NewByteScale(255), 4)
			}
			rng := newRand(5)
			// Not testing.AllocsPerRun: it runs on one P, where there is no
			// sharded step. The fewest of five runs leaves out whatever
			// else the runtime allocated meanwhile.
			fewest := uint64(math.MaxUint64)
			for range 5 {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				if err := net.Train(context.Background(), data, nn.Settings{Epochs: 1, BatchSize: 10, LearningRate: 1, Shuffle: rng}); err != nil {
					t.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				fewest = min(fewest, after.Mallocs-before.Mallocs)
			}
			return float64(fewest)
		}
		small, large := allocs(1000), allocs(2000)
		if large-small >= 2 {
			t.Errorf("%v on %d threads, bytes %v: an epoch of 100 mini-batches allocates %v times, of 200 %v times: the steps allocate", tc.sizes, tc.threads, tc.bytes, small, large)
		}
		t.Logf("%v on %d threads, bytes %v: allocations per epoch: %v (100 mini-batches), %v (200)", tc.sizes, tc.threads, tc.bytes, small, large)
	}
}
