package nn_test

import (
	"context"
	"errors"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// bufferedSGD is SGD done the way a rule with state must do it: the
// gradient into buffers of its own, sized on first use, then the update.
type bufferedSGD struct {
	w []*mat.Dense
	b []*mat.VecDense
}

func (r *bufferedSGD) Update(u *nn.LayerUpdate, eta float64) {
	if len(r.w) <= u.Layer {
		rows, cols := u.Weights.Dims()
		r.w = append(r.w, mat.NewDense(rows, cols, nil))
		r.b = append(r.b, mat.NewVecDense(rows, nil))
	}
	w, b := r.w[u.Layer], r.b[u.Layer]
	u.AddGradient(w, b, 1, 0)
	alpha := -eta / float64(u.BatchSize)
	// The weights are contiguous: NewDense and NewFromParams make them so.
	dst := u.Weights.RawMatrix().Data
	for i, v := range w.RawMatrix().Data {
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
	if _, err := got.StepWith(rule, x, y, eta); err != nil {
		t.Fatal(err)
	}
	for i := range g.Weights {
		if !mat.EqualApprox(rule.w[i], g.Weights[i], 0) || !mat.EqualApprox(rule.b[i], g.Biases[i], 0) {
			t.Errorf("layer %d: AddGradient(…, 1, 0) differs from Gradient", i+2)
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
			if _, err := manual.StepWith(rule, bx, by, 0.5); err != nil {
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
		if _, err := net.StepWith(rule, x, y, 0.1); err != nil {
			t.Fatal(err)
		}
	}
	step()
	if allocs := testing.AllocsPerRun(20, step); allocs != 0 {
		t.Errorf("StepWith allocates %v times per call once the rule has its buffers", allocs)
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
