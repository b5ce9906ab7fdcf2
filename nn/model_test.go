package nn_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	net := mustNew(t, []int{5, 7, 3, 2}, 12)
	path := filepath.Join(t.TempDir(), "model.json")
	if err := net.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := nn.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sameParams(t, loaded, net, 0, "does not load back bit for bit")
	if loaded.Activations[2].Name() != "sigmoid" || loaded.Cost.Name() != "quadratic" {
		t.Errorf("loaded %s/%s, want sigmoid/quadratic", loaded.Activations[2].Name(), loaded.Cost.Name())
	}
}

func TestLoadGoodFile(t *testing.T) {
	net, err := nn.LoadFile("testdata/models/good-2-2-1.json")
	if err != nil {
		t.Fatal(err)
	}
	var out mat.VecDense
	if err := net.FeedForward(&out, mat.NewVecDense(2, []float64{1, 0.5})); err != nil {
		t.Fatal(err)
	}
	// a³ of the hand-computed 2-2-1 network of TestStepHandComputed.
	if got := out.AtVec(0); got < 0.52210293 || got > 0.52210294 {
		t.Errorf("output %v, want 0.5221029359", got)
	}
}

// TestLoadVersion2 loads a version 2 file with a tanh hidden layer, an
// identity output and a training record.
func TestLoadVersion2(t *testing.T) {
	net, err := nn.LoadFile("testdata/models/good-v2-2-2-1.json")
	if err != nil {
		t.Fatal(err)
	}
	want := nn.TrainingRecord{Init: nn.InitGlorot, Epochs: 3, BatchSize: 2, LearningRate: 0.5, Lambda: 0.1}
	if net.Trained != want {
		t.Errorf("training record %+v, want %+v", net.Trained, want)
	}
	var out mat.VecDense
	if err := net.FeedForward(&out, mat.NewVecDense(2, []float64{1, 0.5})); err != nil {
		t.Fatal(err)
	}
	// z² = (0.25, 0.725) as in TestLoadGoodFile; a³ = tanh(0.25) − tanh(0.725) + 0.2.
	if got, want := out.AtVec(0), math.Tanh(0.25)-math.Tanh(0.725)+0.2; math.Abs(got-want) > 1e-15 {
		t.Errorf("output %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if err := net.Save(&buf); err != nil {
		t.Fatal(err)
	}
	again, err := nn.Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sameParams(t, again, net, 0, "does not load back bit for bit")
	if again.Trained != want || again.Activations[0].Name() != "tanh" || again.Activations[1].Name() != "identity" {
		t.Errorf("saved and loaded again: %+v, %v", again.Trained, again.Activations)
	}
}

func TestLoadBrokenFiles(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad-format.json", `format "keras"`},
		{"bad-version.json", "version 3"},
		{"one-layer.json", "at least 2"},
		{"zero-size.json", "has 0 neurons"},
		{"unknown-activation.json", `unknown activation "swish"`},
		{"v2-one-activation.json", "1 activations for 2 layers"},
		{"v2-activation.json", `not "activation"`},
		{"v1-activations.json", `version 1 has no "activations"`},
		{"hidden-softmax.json", "only the output layer may use softmax"},
		{"cross-entropy-relu.json", "cross-entropy needs outputs between 0 and 1"},
		{"unknown-cost.json", `unknown cost "hinge"`},
		{"short-weights.json", "weights 0 have 3 values"},
		{"long-biases.json", "biases 1 have 2 values"},
		{"missing-layer.json", "the file has 1 and 1"},
		{"overflow.json", "1e999"},
		{"nan.json", "invalid character"},
		{"absurd-size.json", "more than 1073741824 weights and biases"},
		{"unknown-field.json", `unknown field "momentum"`},
		{"trailing.json", "data after the model"},
		{"truncated.json", "unexpected EOF"},
		{"empty.json", "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := nn.LoadFile(filepath.Join("testdata/models", tt.file))
			if !errors.Is(err, nn.ErrModel) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrModel saying %q", err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), tt.file) {
				t.Errorf("err = %v does not name the file", err)
			}
		})
	}
}

func TestSaveRefusesUnknownActivation(t *testing.T) {
	net := mustNew(t, []int{2, 2}, 1)
	net.SetActivations(identity{}, identity{})
	var buf bytes.Buffer
	if err := net.Save(&buf); err == nil || !strings.Contains(err.Error(), "test-identity") {
		t.Errorf("err = %v, want a refusal naming the activation", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := nn.LoadFile(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want os.ErrNotExist", err)
	}
}

func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"testdata/models", "testdata/network2"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		net, err := nn.Load(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, nn.ErrModel) {
				t.Fatalf("error %v does not wrap ErrModel", err)
			}
			return
		}
		// Whatever loads must save and load back to the same network.
		var buf bytes.Buffer
		if err := net.Save(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := nn.Load(&buf)
		if err != nil {
			t.Fatalf("saved model does not load: %v", err)
		}
		w0, _ := net.Params()
		w1, _ := again.Params()
		for l := range w0 {
			if !mat.EqualApprox(w0[l], w1[l], 0) {
				t.Fatalf("layer %d changed in a save/load round trip", l+2)
			}
		}
	})
}
