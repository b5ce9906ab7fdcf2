package nn_test

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// TestLoadNetwork2 loads a file in network2.py's format, written by hand
// as its Network.save writes one, and checks what it predicts against the
// same weights computed in Python: for x = (1, 0.5), a = σ(w·a + b) layer by
// layer gives (0.5747476073613406, 0.5042500559370263).
func TestLoadNetwork2(t *testing.T) {
	net, err := nn.LoadFile("testdata/network2/net-2-3-2.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := net.Sizes(); len(got) != 3 || got[1] != 3 {
		t.Errorf("sizes %v, want [2 3 2]", got)
	}
	if _, ok := net.Cost.(nn.CrossEntropy); !ok {
		t.Errorf("cost %v, want cross-entropy", net.Cost)
	}
	var out mat.VecDense
	if err := net.FeedForward(&out, mat.NewVecDense(2, []float64{1, 0.5})); err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0.5747476073613406, 0.5042500559370263} {
		if got := out.AtVec(i); math.Abs(got-want) > 1e-15 {
			t.Errorf("output %d = %v, want %v", i, got, want)
		}
	}
	// Written back in the same format, it loads as the same network.
	var buf bytes.Buffer
	if err := net.SaveNetwork2(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"biases":[[[0],[0.1],[-0.3]]`) || !strings.Contains(buf.String(), `"cost":"CrossEntropyCost"`) {
		t.Errorf("not network2.py's layout:\n%s", buf.String())
	}
	again, err := nn.Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sameParams(t, again, net, 0, "does not survive a round trip through network2.py's format")
}

func TestSaveNetwork2Refuses(t *testing.T) {
	tests := []struct {
		name string
		set  func(*nn.Network)
		want string
	}{
		{"tanh layer", func(n *nn.Network) { n.SetActivations(nn.Tanh{}, nn.Sigmoid{}) }, "only sigmoid layers"},
		{"log-likelihood", func(n *nn.Network) { n.SetActivations(nn.Sigmoid{}, nn.Softmax{}); n.Cost = nn.LogLikelihood{} }, "no log-likelihood cost"},
	}
	for _, tt := range tests {
		net := mustNew(t, []int{2, 3, 2}, 1)
		tt.set(net)
		if err := net.SaveNetwork2(&bytes.Buffer{}); !contains(err, tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadBrokenNetwork2Files(t *testing.T) {
	tests := []struct{ file, want string }{
		{"unknown-cost.json", `unknown cost "LogLikelihoodCost"`},
		{"flat-biases.json", "cannot unmarshal number"},
		{"short-row.json", "row 0 has 1 weights"},
		{"missing-layer.json", "the file has 1 and 1"},
		{"unknown-field.json", `unknown field "eta"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := nn.LoadFile(filepath.Join("testdata/network2", tt.file))
			if !errors.Is(err, nn.ErrModel) || !contains(err, tt.want) || !contains(err, "network2.py file") {
				t.Errorf("err = %v, want ErrModel saying %q", err, tt.want)
			}
		})
	}
}
