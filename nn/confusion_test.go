package nn_test

import (
	"math"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// routingNet is a [2, 3] sigmoid network whose outputs are σ(x₁), σ(x₂)
// and σ(−x₁ − x₂), so that the predicted class of an input is plain to see.
func routingNet(t *testing.T) *nn.Network {
	t.Helper()
	w := mat.NewDense(3, 2, []float64{1, 0, 0, 1, -1, -1})
	net, err := nn.NewFromParams([]*mat.Dense{w}, []*mat.VecDense{mat.NewVecDense(3, nil)})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// routingSamples are five samples for routingNet, worked out by hand:
// predicted 0, 1, 2, 0, 1 for classes 0, 0, 2, 1, 1.
func routingSamples() *nn.Dataset {
	x := mat.NewDense(5, 2, []float64{2, 0, 0, 2, -1, -1, 3, 0, 0, 3})
	y := mat.NewDense(5, 3, []float64{
		1, 0, 0,
		1, 0, 0,
		0, 0, 1,
		0, 1, 0,
		0, 1, 0,
	})
	return &nn.Dataset{X: x, Y: y}
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func TestConfusionHandComputed(t *testing.T) {
	net, d := routingNet(t), routingSamples()
	e, err := net.Evaluate(d)
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Confusion(d)
	if err != nil {
		t.Fatal(err)
	}
	want := [3][3]int{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}
	for truth := range 3 {
		for p := range 3 {
			if got := c.At(truth, p); got != want[truth][p] {
				t.Errorf("At(%d, %d) = %d, want %d", truth, p, got, want[truth][p])
			}
		}
	}
	if c.Total() != e.N || c.Correct() != e.Correct || e.Correct != 3 {
		t.Errorf("Total %d, Correct %d, Evaluation %d of %d; want 3 of 5 in both", c.Total(), c.Correct(), e.Correct, e.N)
	}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"Recall(0)", c.Recall(0), 0.5},
		{"Precision(0)", c.Precision(0), 0.5},
		{"Recall(1)", c.Recall(1), 0.5},
		{"Precision(1)", c.Precision(1), 0.5},
		{"Recall(2)", c.Recall(2), 1},
		{"Precision(2)", c.Precision(2), 1},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestConfusionEmptyClassesAreNaN(t *testing.T) {
	c := nn.NewConfusion(3)
	c.Add(0, 1)
	for _, tc := range []struct {
		name string
		got  float64
	}{
		{"Recall(1): no sample of class 1", c.Recall(1)},
		{"Precision(0): nothing predicted as 0", c.Precision(0)},
		{"Precision(2)", c.Precision(2)},
	} {
		if !math.IsNaN(tc.got) {
			t.Errorf("%s = %v, want NaN", tc.name, tc.got)
		}
	}
	if got := c.Recall(0); got != 0 {
		t.Errorf("Recall(0) = %v, want 0", got)
	}
}

func TestConfusionString(t *testing.T) {
	c := nn.NewConfusion(3)
	for _, p := range [][2]int{{0, 0}, {0, 0}, {0, 1}, {1, 1}, {2, 1}, {2, 2}, {2, 2}} {
		c.Add(p[0], p[1])
	}
	want := `true\pred      0     1     2   recall
0              2     1     0    66.7%
1              0     1     0   100.0%
2              0     1     2    66.7%
precision   100% 33.3%  100%
`
	if got := c.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

func TestConfusionPanicsOutsideItsClasses(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"NewConfusion(0)", func() { nn.NewConfusion(0) }},
		{"Add(3, 0)", func() { nn.NewConfusion(3).Add(3, 0) }},
		{"Add(0, -1)", func() { nn.NewConfusion(3).Add(0, -1) }},
		{"At(0, 3)", func() { nn.NewConfusion(3).At(0, 3) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r, _ := recover().(string); !contains(errString(r), "nn: ") {
					t.Errorf("recovered %q, want a panic starting with nn:", r)
				}
			}()
			tc.f()
		})
	}
}

func TestClassifyAndMistakes(t *testing.T) {
	net := routingNet(t)
	d := routingSamples()
	ps, err := net.Classify(d)
	if err != nil {
		t.Fatal(err)
	}
	want := []nn.Prediction{
		{Index: 0, Truth: 0, Predicted: 0, Confidence: sigmoid(2)},
		{Index: 1, Truth: 0, Predicted: 1, Confidence: sigmoid(2)},
		{Index: 2, Truth: 2, Predicted: 2, Confidence: sigmoid(2)},
		{Index: 3, Truth: 1, Predicted: 0, Confidence: sigmoid(3)},
		{Index: 4, Truth: 1, Predicted: 1, Confidence: sigmoid(3)},
	}
	if len(ps) != len(want) {
		t.Fatalf("%d predictions, want %d", len(ps), len(want))
	}
	for i := range want {
		if g, w := ps[i], want[i]; g.Index != w.Index || g.Truth != w.Truth || g.Predicted != w.Predicted || math.Abs(g.Confidence-w.Confidence) > 1e-15 {
			t.Errorf("prediction %d = %+v, want %+v", i, g, w)
		}
	}
	m := nn.Mistakes(ps)
	if len(m) != 2 || m[0].Index != 3 || m[1].Index != 1 {
		t.Errorf("Mistakes = %+v, want samples 3 (σ(3)) then 1 (σ(2))", m)
	}
}

// TestConfusionMatchesEvaluate checks, on a random network and data set
// larger than one evaluation chunk, that the confusion matrix sums to the
// set's size, its diagonal is Evaluate's count of correct answers, and it
// counts what Classify predicts.
func TestConfusionMatchesEvaluate(t *testing.T) {
	sizes := []int{6, 5, 4}
	net := mustNew(t, sizes, 3)
	x, y := randomBatch(sizes, 1234, 4)
	d := &nn.Dataset{X: x, Y: y}
	e, err := net.Evaluate(d)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := net.Classify(d)
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Confusion(d)
	if err != nil {
		t.Fatal(err)
	}
	if c.Total() != 1234 || c.Correct() != e.Correct {
		t.Errorf("confusion total %d, diagonal %d; want 1234 and %d", c.Total(), c.Correct(), e.Correct)
	}
	counted := nn.NewConfusion(4)
	for _, p := range ps {
		counted.Add(p.Truth, p.Predicted)
	}
	if c.String() != counted.String() {
		t.Errorf("Confusion\n%s\ncounted from Classify\n%s", c, counted)
	}
}
