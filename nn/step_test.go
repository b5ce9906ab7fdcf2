package nn_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// bufferedSGD is SGD done the way a rule with state must do it: the
// gradient into buffers of its own, sized on first use, then the update,
// with the L2 decay as a separate pass.
type bufferedSGD struct {
	w []*mat.Dense
	b []*mat.VecDense
}

func (r *bufferedSGD) Name() string { return "test-buffered-sgd" }

func (r *bufferedSGD) Update(u *nn.LayerUpdate, eta float64) {
	if len(r.w) <= u.Layer {
		rows, cols := u.Weights.Dims()
		r.w = append(r.w, mat.NewDense(rows, cols, nil))
		r.b = append(r.b, mat.NewVecDense(rows, nil))
	}
	w, b := r.w[u.Layer], r.b[u.Layer]
	u.WeightGradient(w, 1, 0)
	u.BiasGradient(b, 1, 0)
	alpha := -eta / float64(u.BatchSize)
	// The weights are contiguous: NewDense and NewFromParams make them so.
	dst := u.Weights.RawMatrix().Data
	for i, v := range w.RawMatrix().Data {
		if u.WeightDecay != 0 {
			dst[i] *= 1 - eta*u.WeightDecay
		}
		dst[i] += alpha * v
	}
	u.Biases.AddScaledVec(u.Biases, alpha, b)
}

func TestStepRuleSeesTheGradient(t *testing.T) {
	sizes := []int{5, 4, 3}
	x, y := randomBatch(sizes, 6, 21)
	// Variables, not constants: -eta/m must round as the rule's does.
	eta, m := 0.7, 6.0
	want := mustNew(t, sizes, 3)
	var g nn.Gradients
	if _, err := want.Gradient(&g, x, y); err != nil {
		t.Fatal(err)
	}
	want.AddScaled(-eta/m, &g)

	rule := &bufferedSGD{}
	got := mustNew(t, sizes, 3)
	if _, err := got.StepWith(rule, x, y, eta, 0); err != nil {
		t.Fatal(err)
	}
	for i := range g.Weights {
		if !mat.EqualApprox(rule.w[i], g.Weights[i], 0) || !mat.EqualApprox(rule.b[i], g.Biases[i], 0) {
			t.Errorf("layer %d: WeightGradient and BiasGradient(…, 1, 0) differ from Gradient", i+2)
		}
	}
	sameParams(t, got, want, 0, "a step through the rule differs from Gradient and AddScaled")
}

func TestTrainUsesTheStepRule(t *testing.T) {
	sizes := []int{3, 4, 2}
	x, y := randomBatch(sizes, 8, 22)
	trained := mustNew(t, sizes, 4)
	err := trained.Train(context.Background(), &nn.Dataset{X: x, Y: y}, nn.Settings{
		Epochs: 2, BatchSize: 4, LearningRate: 0.5, StepRule: &bufferedSGD{},
	})
	if err != nil {
		t.Fatal(err)
	}
	manual := mustNew(t, sizes, 4)
	rule := &bufferedSGD{}
	for range 2 {
		for _, b := range [][2]int{{0, 4}, {4, 8}} {
			bx := x.Slice(b[0], b[1], 0, 3).(*mat.Dense)
			by := y.Slice(b[0], b[1], 0, 2).(*mat.Dense)
			if _, err := manual.StepWith(rule, bx, by, 0.5, 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	sameParams(t, trained, manual, 0, "Train with a step rule differs from StepWith the same rule")
}

func TestStepRuleAllocatesNothing(t *testing.T) {
	net := mustNew(t, []int{20, 8, 3}, 1)
	x, y := randomBatch([]int{20, 8, 3}, 10, 2)
	rule := &bufferedSGD{}
	step := func() {
		if _, err := net.StepWith(rule, x, y, 0.1, 0.01); err != nil {
			t.Fatal(err)
		}
	}
	step()
	if allocs := testing.AllocsPerRun(20, step); allocs != 0 {
		t.Errorf("StepWith allocates %v times per call once the rule has its buffers", allocs)
	}
}

// TestL2DecayMatchesBufferedStep checks SGD's decay folded into the
// product's beta against the decay as a separate pass.
func TestL2DecayMatchesBufferedStep(t *testing.T) {
	sizes := []int{4, 5, 3}
	x, y := randomBatch(sizes, 7, 23)
	fused, buffered := mustNew(t, sizes, 5), mustNew(t, sizes, 5)
	for range 3 {
		if _, err := fused.StepWith(nn.SGD{}, x, y, 0.5, 0.3); err != nil {
			t.Fatal(err)
		}
		if _, err := buffered.StepWith(&bufferedSGD{}, x, y, 0.5, 0.3); err != nil {
			t.Fatal(err)
		}
	}
	sameParams(t, fused, buffered, 1e-14, "decay in the product's beta differs from the decay as a pass of its own")
}

// TestL2StepHandComputed checks one epoch of a [1, 1] network with L2
// against numbers worked out by hand from network2.py's rule, on n = 3
// samples in mini-batches of m = 2 and then 1, with λ = 0.6, ξ = 0.5 and
// the quadratic cost, so that the decay is 1 − ξλ/n = 0.9:
//
//	w = 0.5, b = −0.25; samples x = 1, 2, −1 with targets y = 1, 0, 1
//	batch 1 (x = 1, 2): z = 0.25, 0.75; a = σ(z) = 0.5621765008857981, 0.679178699175393
//	  δ = (a − y)·a(1 − a) = −0.10776328535543979, 0.14798963841997922
//	  Σδx = 0.18821599148451867, Σδ = 0.040226353064539436
//	  w = 0.9·0.5 − (0.5/2)·0.18821599148451867 = 0.40294600212887033
//	  b = −0.25 − (0.5/2)·0.040226353064539436 = −0.26005658826613487
//	batch 2 (x = −1): z = −0.6630025903950052, a = 0.3400654441554057
//	  δ = −0.14810313194015023, δx = 0.14810313194015023
//	  w = 0.9·0.40294600212887033 − 0.5·0.14810313194015023 = 0.2885998359459082
//	  b = −0.26005658826613487 − 0.5·(−0.14810313194015023) = −0.18600502229605975
func TestL2StepHandComputed(t *testing.T) {
	net, err := nn.NewFromParams([]*mat.Dense{mat.NewDense(1, 1, []float64{0.5})}, []*mat.VecDense{mat.NewVecDense(1, []float64{-0.25})})
	if err != nil {
		t.Fatal(err)
	}
	data := &nn.Dataset{X: mat.NewDense(3, 1, []float64{1, 2, -1}), Y: mat.NewDense(3, 1, []float64{1, 0, 1})}
	if err := net.Train(context.Background(), data, nn.Settings{Epochs: 1, BatchSize: 2, LearningRate: 0.5, Lambda: 0.6}); err != nil {
		t.Fatal(err)
	}
	w, b := net.Params()
	if got, want := w[0].At(0, 0), 0.2885998359459082; math.Abs(got-want) > 1e-15 {
		t.Errorf("w = %.17g, want %.17g", got, want)
	}
	if got, want := b[0].AtVec(0), -0.18600502229605975; math.Abs(got-want) > 1e-15 {
		t.Errorf("b = %.17g, want %.17g", got, want)
	}
	if net.Trained.Epochs != 1 || net.Trained.Lambda != 0.6 {
		t.Errorf("training record %+v", net.Trained)
	}
}

func TestSettingErrorNamesTheSetting(t *testing.T) {
	tests := []struct {
		s    nn.Settings
		want string
	}{
		{nn.Settings{Epochs: 0, BatchSize: 1, LearningRate: 1}, "Epochs"},
		{nn.Settings{Epochs: 1, BatchSize: -2, LearningRate: 1}, "BatchSize"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: -1}, "LearningRate"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Lambda: -0.1}, "Lambda"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Lambda: math.Inf(1)}, "Lambda"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Patience: 3}, "Eval"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Patience: -1}, "Patience"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Schedule: &nn.Plateau{}}, "Eval"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Schedule: nn.StepDecay{Every: 0, Factor: 0.5}}, "Schedule"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Schedule: nn.StepDecay{Every: 2, Factor: 1.5}}, "Schedule"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Dropout: 1, DropoutRand: newRand(1)}, "Dropout"},
		{nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1, Dropout: 0.5}, "DropoutRand"},
	}
	for _, tt := range tests {
		err := tt.s.Check()
		var se *nn.SettingError
		if !errors.As(err, &se) || se.Setting != tt.want || !errors.Is(err, nn.ErrSettings) {
			t.Errorf("Check() = %v, want a SettingError for %s", err, tt.want)
		}
	}
	if err := (&nn.Settings{Epochs: 1, BatchSize: 1, LearningRate: 1}).Check(); err != nil {
		t.Errorf("good settings: %v", err)
	}
}
