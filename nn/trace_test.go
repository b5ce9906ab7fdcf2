package nn_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// TestTraceMatchesFeedForward checks every layer's activations: the last
// is FeedForward's output, and each is σ(w·a + b) of the one below,
// computed here with gonum directly.
func TestTraceMatchesFeedForward(t *testing.T) {
	sizes := []int{5, 4, 3, 2}
	net := mustNew(t, sizes, 7)
	net.SetActivations(nn.ReLU{}, nn.Softmax{})
	x := rowVec(randomBatchX(sizes, 1, 8), 0)
	as, err := net.Trace(x)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 3 {
		t.Fatalf("%d layers traced, want 3", len(as))
	}
	out := mat.NewVecDense(2, nil)
	if err := net.FeedForward(out, x); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(as[2], out, 0) {
		t.Errorf("last layer %v, FeedForward %v", as[2].RawVector().Data, out.RawVector().Data)
	}
	weights, biases := net.Params()
	below := x
	for i, a := range as {
		var z mat.VecDense
		z.MulVec(weights[i], below)
		z.AddVec(&z, biases[i])
		want := mat.NewVecDense(z.Len(), nil)
		zr := mat.NewDense(1, z.Len(), z.RawVector().Data)
		ar := mat.NewDense(1, z.Len(), want.RawVector().Data)
		net.Activations[i].Apply(ar, zr)
		if !mat.EqualApprox(a, want, 1e-12) {
			t.Errorf("layer %d: %v, want %v", i+2, a.RawVector().Data, want.RawVector().Data)
		}
		below = a
	}
}

// TestTraceConcurrent runs Trace from many goroutines at once on one
// network (go test -race checks that it only reads), each answer equal to
// the one computed alone.
func TestTraceConcurrent(t *testing.T) {
	sizes := []int{6, 5, 3}
	net := mustNew(t, sizes, 9)
	xs := randomBatchX(sizes, 40, 10)
	want := make([][]*mat.VecDense, 40)
	for i := range want {
		var err error
		if want[i], err = net.Trace(rowVec(xs, i)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range want {
		wg.Go(func() {
			got, err := net.Trace(rowVec(xs, i))
			if err != nil {
				t.Error(err)
				return
			}
			for l := range got {
				if !mat.EqualApprox(got[l], want[i][l], 0) {
					t.Errorf("sample %d, layer %d differs when traced concurrently", i, l+2)
				}
			}
		})
	}
	wg.Wait()
}

func TestTraceErrors(t *testing.T) {
	net := mustNew(t, []int{3, 2}, 1)
	if _, err := net.Trace(mat.NewVecDense(4, nil)); !contains(err, "input has length 4") {
		t.Errorf("wrong input length: %v", err)
	}
	var empty nn.Network
	if _, err := empty.Trace(mat.NewVecDense(3, nil)); err == nil {
		t.Error("the zero Network traced without an error")
	}
}

func randomBatchX(sizes []int, m int, seed uint64) *mat.Dense {
	x, _ := randomBatch(sizes, m, seed)
	return x
}

func TestEffectiveActivationsAndCost(t *testing.T) {
	net := mustNew(t, []int{3, 4, 2}, 1)
	if got := names(net.EffectiveActivations()); got != "sigmoid sigmoid" || net.EffectiveCost().Name() != "quadratic" {
		t.Errorf("defaults: %s, %s; want sigmoid sigmoid, quadratic", got, net.EffectiveCost().Name())
	}
	net.SetActivations(nn.ReLU{}, nn.Softmax{})
	net.Cost = nn.LogLikelihood{}
	if got := names(net.EffectiveActivations()); got != "relu softmax" || net.EffectiveCost().Name() != "log-likelihood" {
		t.Errorf("set: %s, %s; want relu softmax, log-likelihood", got, net.EffectiveCost().Name())
	}
}

func names(acts []nn.Activation) string {
	var s []string
	for _, a := range acts {
		s = append(s, a.Name())
	}
	return strings.Join(s, " ")
}
