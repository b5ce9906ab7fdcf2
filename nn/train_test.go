package nn_test

import (
	"context"
	"errors"
	"io"
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func xor() *nn.Dataset {
	return &nn.Dataset{
		X: mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1}),
		Y: mat.NewDense(4, 2, []float64{1, 0, 0, 1, 0, 1, 1, 0}), // one-hot of x1 XOR x2
	}
}

func TestLearnsXOR(t *testing.T) {
	net := mustNew(t, []int{2, 4, 2}, 1)
	data := xor()
	err := net.Train(context.Background(), data, nn.Settings{
		Epochs: 2000, BatchSize: 2, LearningRate: 3, Shuffle: newRand(2),
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := net.Evaluate(data)
	if err != nil {
		t.Fatal(err)
	}
	if e.Accuracy() != 1 || e.Cost > 0.01 {
		t.Errorf("after 2000 epochs on XOR: accuracy %v, cost %v; want 1 and < 0.01", e.Accuracy(), e.Cost)
	}
}

func TestTrainUsesLastPartialBatch(t *testing.T) {
	sizes := []int{3, 4, 2}
	x, y := randomBatch(sizes, 7, 5)
	trained := mustNew(t, sizes, 9)
	var reports []nn.EpochReport
	err := trained.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
		Epochs: 1, BatchSize: 3, LearningRate: 0.5,
		Report: func(r nn.EpochReport) error { reports = append(reports, r); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	manual := mustNew(t, sizes, 9)
	var cost float64
	for _, b := range [][2]int{{0, 3}, {3, 6}, {6, 7}} {
		bx := x.Slice(b[0], b[1], 0, 3).(*mat.Dense)
		by := y.Slice(b[0], b[1], 0, 2).(*mat.Dense)
		c, err := manual.Step(bx, by, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		cost += c * float64(b[1]-b[0])
	}
	wt, _ := trained.Params()
	wm, _ := manual.Params()
	for i := range wt {
		if !mat.EqualApprox(wt[i], wm[i], 0) {
			t.Errorf("layer %d: Train differs from Steps over [0,3), [3,6), [6,7)", i+2)
		}
	}
	if len(reports) != 1 || math.Abs(reports[0].TrainCost-cost/7) > 1e-15 {
		t.Errorf("reports %+v, want one with TrainCost %v", reports, cost/7)
	}
}

// TestTrainShuffledIsStepsInShuffledOrder checks the shuffled path, whose
// mini-batches are gathered ahead in chunks on another goroutine, against
// Steps over the same order done by hand: 237 samples in mini-batches of 7
// make chunks of 98, 98 and 41 samples and a last mini-batch of 6.
func TestTrainShuffledIsStepsInShuffledOrder(t *testing.T) {
	sizes := []int{4, 5, 3}
	const n, m, epochs = 237, 7, 2
	x, y := randomBatch(sizes, n, 12)
	trained := mustNew(t, sizes, 2)
	err := trained.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
		Epochs: epochs, BatchSize: m, LearningRate: 0.5, Shuffle: newRand(3),
	})
	if err != nil {
		t.Fatal(err)
	}
	manual := mustNew(t, sizes, 2)
	rng := newRand(3)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for range epochs {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for from := 0; from < n; from += m {
			idx := order[from:min(from+m, n)]
			bx, by := mat.NewDense(len(idx), 4, nil), mat.NewDense(len(idx), 3, nil)
			for r, i := range idx {
				bx.SetRow(r, x.RawRowView(i))
				by.SetRow(r, y.RawRowView(i))
			}
			if _, err := manual.Step(bx, by, 0.5); err != nil {
				t.Fatal(err)
			}
		}
	}
	sameParams(t, trained, manual, 0, "shuffled Train differs from Steps in the shuffled order")
}

func TestTrainIsReproducible(t *testing.T) {
	sizes := []int{4, 5, 3}
	x, y := randomBatch(sizes, 23, 6)
	var params [2][]*mat.Dense
	for i := range params {
		net := mustNew(t, sizes, 4)
		err := net.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
			Epochs: 3, BatchSize: 4, LearningRate: 1, Shuffle: newRand(8),
		})
		if err != nil {
			t.Fatal(err)
		}
		params[i], _ = net.Params()
	}
	for l := range params[0] {
		if !mat.EqualApprox(params[0][l], params[1][l], 0) {
			t.Errorf("layer %d differs between two runs with the same seeds", l+2)
		}
	}
}

func TestTrainReportsEvaluation(t *testing.T) {
	net := mustNew(t, []int{2, 3, 2}, 1)
	var got []nn.EpochReport
	var progress int
	err := net.Train(context.Background(), xor(), nn.Settings{
		Epochs: 3, BatchSize: 3, LearningRate: 1, Eval: xor(),
		Report:   func(r nn.EpochReport) error { got = append(got, r); return nil },
		Progress: func(done, total int) { progress++ },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].Epoch != 3 || got[2].Eval.N != 4 {
		t.Fatalf("reports %+v, want 3 with 4 evaluation samples", got)
	}
	want, _ := net.Evaluate(xor())
	if got[2].Eval != want {
		t.Errorf("last report's evaluation %+v, Evaluate says %+v", got[2].Eval, want)
	}
	if progress != 6 {
		t.Errorf("Progress called %d times, want 6 (2 mini-batches × 3 epochs)", progress)
	}
}

func TestTrainStopsWhenReportFails(t *testing.T) {
	net := mustNew(t, []int{2, 3, 2}, 1)
	stop := errors.New("enough")
	epochs := 0
	err := net.Train(context.Background(), xor(), nn.Settings{
		Epochs: 5, BatchSize: 2, LearningRate: 1,
		Report: func(nn.EpochReport) error { epochs++; return stop },
	})
	if !errors.Is(err, stop) || epochs != 1 {
		t.Errorf("err = %v after %d epochs, want %v after 1", err, epochs, stop)
	}
}

func TestTrainStopsOnCancel(t *testing.T) {
	net := mustNew(t, []int{2, 3, 2}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	steps := 0
	err := net.Train(ctx, xor(), nn.Settings{
		Epochs: 5, BatchSize: 1, LearningRate: 1, Shuffle: newRand(4),
		Progress: func(done, total int) {
			steps++
			if steps == 2 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) || steps != 2 {
		t.Errorf("err = %v after %d steps, want context.Canceled after 2", err, steps)
	}
}

// identity is a linear activation, σ(z) = z: without the sigmoid's
// saturation a large learning rate makes the weights grow without bound.
type identity struct{}

func (identity) Name() string                { return "test-identity" }
func (identity) Apply(a, z *mat.Dense)       { a.Copy(z) }
func (identity) Backward(_, _, _ *mat.Dense) {}

func TestTrainDivergenceKeepsLastGoodWeights(t *testing.T) {
	train := func(epochs int) (*nn.Network, error) {
		net := mustNew(t, []int{2, 3, 2}, 1)
		net.SetActivations(identity{}, identity{})
		return net, net.Train(context.Background(), xor(), nn.Settings{Epochs: epochs, BatchSize: 1, LearningRate: 10, Shuffle: newRand(6)})
	}
	net, err := train(1000)
	var d *nn.DivergedError
	if !errors.As(err, &d) || !errors.Is(err, nn.ErrDiverged) {
		t.Fatalf("err = %v, want a DivergedError", err)
	}
	t.Log(err)
	if d.Epoch < 2 {
		t.Fatalf("diverged in epoch %d; the test needs a later one", d.Epoch)
	}
	good, err := train(d.Epoch - 1)
	if err != nil {
		t.Fatalf("%d epochs, one short of the divergence: %v", d.Epoch-1, err)
	}
	got, _ := net.Params()
	want, _ := good.Params()
	for l := range got {
		if !mat.EqualApprox(got[l], want[l], 0) {
			t.Errorf("layer %d: weights are not those from the start of epoch %d", l+2, d.Epoch)
		}
	}
}

func TestBadInputErrors(t *testing.T) {
	net := mustNew(t, []int{2, 3, 2}, 1)
	good := xor()
	nan := mat.NewDense(4, 2, []float64{0, 0, 0, 1, math.NaN(), 0, 1, 1})
	inf := mat.NewDense(4, 2, []float64{1, 0, 0, 1, 0, 1, math.Inf(1), 0})
	ok := nn.Settings{Epochs: 1, BatchSize: 2, LearningRate: 1}
	with := func(f func(*nn.Settings)) nn.Settings { s := ok; f(&s); return s }
	tests := []struct {
		name string
		err  error
		call func() error
	}{
		{"one layer", nn.ErrLayerSizes, func() error { _, err := nn.New([]int{3}, newRand(1)); return err }},
		{"no layers", nn.ErrLayerSizes, func() error { _, err := nn.New(nil, newRand(1)); return err }},
		{"empty layer", nn.ErrLayerSizes, func() error { _, err := nn.New([]int{3, 0, 2}, newRand(1)); return err }},
		{"negative layer", nn.ErrLayerSizes, func() error { _, err := nn.New([]int{3, -1}, newRand(1)); return err }},
		{"too many parameters", nn.ErrLayerSizes, func() error { _, err := nn.New([]int{784, 1 << 30, 10}, newRand(1)); return err }},
		{"overflowing sizes", nn.ErrLayerSizes, func() error { _, err := nn.New([]int{1 << 62, 1 << 62}, newRand(1)); return err }},
		{"no random source", nn.ErrSettings, func() error { _, err := nn.New([]int{3, 2}, nil); return err }},
		{"params: none", nn.ErrLayerSizes, func() error { _, err := nn.NewFromParams(nil, nil); return err }},
		{"params: nil matrix", nn.ErrShape, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{nil}, []*mat.VecDense{mat.NewVecDense(1, nil)})
			return err
		}},
		{"params: empty matrix", nn.ErrShape, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{{}}, []*mat.VecDense{mat.NewVecDense(1, nil)})
			return err
		}},
		{"params: nil bias", nn.ErrShape, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(1, 1, nil)}, []*mat.VecDense{nil})
			return err
		}},
		{"zero network FeedForward", nn.ErrLayerSizes, func() error { return (&nn.Network{}).FeedForward(&mat.VecDense{}, mat.NewVecDense(2, nil)) }},
		{"zero network FeedForwardBatch", nn.ErrLayerSizes, func() error { return (&nn.Network{}).FeedForwardBatch(&mat.Dense{}, good.X) }},
		{"zero network Train", nn.ErrLayerSizes, func() error { return (&nn.Network{}).Train(context.Background(), good, ok) }},
		{"zero network Step", nn.ErrLayerSizes, func() error { _, err := (&nn.Network{}).Step(good.X, good.Y, 1); return err }},
		{"zero network Gradient", nn.ErrLayerSizes, func() error { _, err := (&nn.Network{}).Gradient(&nn.Gradients{}, good.X, good.Y); return err }},
		{"zero network AddSampleGradient", nn.ErrLayerSizes, func() error {
			_, err := (&nn.Network{}).AddSampleGradient(&nn.Gradients{}, mat.NewVecDense(2, nil), mat.NewVecDense(2, nil))
			return err
		}},
		{"zero network Evaluate", nn.ErrLayerSizes, func() error { _, err := (&nn.Network{}).Evaluate(good); return err }},
		{"zero network Save", nn.ErrLayerSizes, func() error { return (&nn.Network{}).Save(io.Discard) }},
		{"zero network SaveNetwork2", nn.ErrLayerSizes, func() error { return (&nn.Network{}).SaveNetwork2(io.Discard) }},
		{"zero network SetActivations", nn.ErrLayerSizes, func() error {
			var n nn.Network
			n.SetActivations(nn.ReLU{}, nn.Softmax{})
			return n.FeedForward(&mat.VecDense{}, mat.NewVecDense(2, nil))
		}},
		{"params: counts", nn.ErrShape, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(2, 2, nil)}, nil)
			return err
		}},
		{"params: chain", nn.ErrShape, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(2, 3, nil), mat.NewDense(1, 3, nil)},
				[]*mat.VecDense{mat.NewVecDense(2, nil), mat.NewVecDense(1, nil)})
			return err
		}},
		{"params: bias length", nn.ErrShape, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(2, 3, nil)}, []*mat.VecDense{mat.NewVecDense(3, nil)})
			return err
		}},
		{"params: NaN weight", nn.ErrNotFinite, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(1, 1, []float64{math.NaN()})}, []*mat.VecDense{mat.NewVecDense(1, nil)})
			return err
		}},
		{"params: Inf bias", nn.ErrNotFinite, func() error {
			_, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(1, 1, nil)}, []*mat.VecDense{mat.NewVecDense(1, []float64{math.Inf(-1)})})
			return err
		}},
		{"zero learning rate", nn.ErrSettings, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.LearningRate = 0 }))
		}},
		{"negative learning rate", nn.ErrSettings, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.LearningRate = -1 }))
		}},
		{"NaN learning rate", nn.ErrSettings, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.LearningRate = math.NaN() }))
		}},
		{"Inf learning rate", nn.ErrSettings, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.LearningRate = math.Inf(1) }))
		}},
		{"Step NaN learning rate", nn.ErrSettings, func() error { _, err := net.Step(good.X, good.Y, math.NaN()); return err }},
		{"zero batch", nn.ErrSettings, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.BatchSize = 0 }))
		}},
		{"zero epochs", nn.ErrSettings, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.Epochs = 0 }))
		}},
		{"no data", nn.ErrNoSamples, func() error { return net.Train(context.Background(), nil, ok) }},
		{"empty data", nn.ErrNoSamples, func() error {
			return net.Train(context.Background(), &nn.Dataset{X: &mat.Dense{}, Y: &mat.Dense{}}, ok)
		}},
		{"input width", nn.ErrShape, func() error {
			return net.Train(context.Background(), &nn.Dataset{X: mat.NewDense(4, 3, nil), Y: good.Y}, ok)
		}},
		{"target width", nn.ErrShape, func() error {
			return net.Train(context.Background(), &nn.Dataset{X: good.X, Y: mat.NewDense(4, 1, nil)}, ok)
		}},
		{"row counts", nn.ErrShape, func() error {
			return net.Train(context.Background(), &nn.Dataset{X: good.X, Y: mat.NewDense(3, 2, nil)}, ok)
		}},
		{"NaN input", nn.ErrNotFinite, func() error { return net.Train(context.Background(), &nn.Dataset{X: nan, Y: good.Y}, ok) }},
		{"Inf target", nn.ErrNotFinite, func() error { return net.Train(context.Background(), &nn.Dataset{X: good.X, Y: inf}, ok) }},
		{"bad eval set", nn.ErrShape, func() error {
			return net.Train(context.Background(), good, with(func(s *nn.Settings) { s.Eval = &nn.Dataset{X: mat.NewDense(1, 5, nil), Y: mat.NewDense(1, 2, nil)} }))
		}},
		{"Evaluate NaN", nn.ErrNotFinite, func() error { _, err := net.Evaluate(&nn.Dataset{X: nan, Y: good.Y}); return err }},
		{"FeedForward input", nn.ErrShape, func() error { return net.FeedForward(&mat.VecDense{}, mat.NewVecDense(3, nil)) }},
		{"FeedForward dst", nn.ErrShape, func() error { return net.FeedForward(mat.NewVecDense(3, nil), mat.NewVecDense(2, nil)) }},
		{"FeedForwardBatch input", nn.ErrShape, func() error { return net.FeedForwardBatch(&mat.Dense{}, mat.NewDense(2, 3, nil)) }},
		{"FeedForwardBatch dst", nn.ErrShape, func() error { return net.FeedForwardBatch(mat.NewDense(2, 3, nil), mat.NewDense(2, 2, nil)) }},
		{"Gradient rows", nn.ErrShape, func() error { _, err := net.Gradient(&nn.Gradients{}, good.X, mat.NewDense(2, 2, nil)); return err }},
		{"Step target width", nn.ErrShape, func() error { _, err := net.Step(good.X, mat.NewDense(4, 3, nil), 1); return err }},
		{"sample target", nn.ErrShape, func() error {
			_, err := net.AddSampleGradient(&nn.Gradients{}, mat.NewVecDense(2, nil), mat.NewVecDense(3, nil))
			return err
		}},
		{"sample input", nn.ErrShape, func() error {
			_, err := net.AddSampleGradient(&nn.Gradients{}, mat.NewVecDense(1, nil), mat.NewVecDense(2, nil))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			t.Log(err)
		})
	}
}

func TestMismatchedGradientsPanic(t *testing.T) {
	net := mustNew(t, []int{2, 3, 2}, 1)
	other := mustNew(t, []int{2, 4, 2}, 1)
	defer func() {
		if msg, _ := recover().(string); len(msg) < 4 || msg[:4] != "nn: " {
			t.Errorf("panic %q, want an \"nn: \" message", msg)
		}
	}()
	net.AddScaled(1, other.NewGradients())
}
