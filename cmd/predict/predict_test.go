package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/internal/golden"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

var (
	modelOnce sync.Once
	modelPath string
	modelErr  error
)

// testModel returns the path of a model trained once per test run: the
// seed's network, three epochs on 20,000 images, with gonum's products,
// which round the same on every processor, so the golden files hold.
func testModel(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	modelOnce.Do(func() {
		var data *mnist.Data
		if data, modelErr = mnist.Load(); modelErr != nil {
			return
		}
		net, err := nn.New([]int{mnist.Pixels, 30, mnist.Classes}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			modelErr = err
			return
		}
		net.BLAS = mat.Gonum{}
		s := nn.Settings{Epochs: 3, BatchSize: 10, LearningRate: 3, Shuffle: rand.New(rand.NewPCG(1, 2))}
		if modelErr = net.Train(t.Context(), data.Train.Slice(0, 20000).Samples(), s); modelErr != nil {
			return
		}
		dir, err := os.MkdirTemp("", "predict-test")
		if err != nil {
			modelErr = err
			return
		}
		modelPath = filepath.Join(dir, "model.json")
		modelErr = net.SaveFile(modelPath)
	})
	if modelErr != nil {
		t.Fatal(modelErr)
	}
	return modelPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if modelPath != "" {
		os.RemoveAll(filepath.Dir(modelPath))
	}
	os.Exit(code)
}

func runCmd(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func digitFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "digits", "*"))
	if err != nil || len(files) != 30 {
		t.Fatalf("%d files in testdata/digits (%v), want the 30 drawn digits", len(files), err)
	}
	return files
}

// TestGoldenDigits classifies the drawn digits, whose names end in the
// digit they show, and counts how many the small test model gets right.
func TestGoldenDigits(t *testing.T) {
	model := testModel(t)
	files := digitFiles(t)
	stdout, stderr, err := runCmd(append([]string{"-model", model}, files...)...)
	if err != nil || stderr != "" {
		t.Fatalf("err %v, stderr %q", err, stderr)
	}
	golden.Check(t, filepath.Join("testdata", "digits.golden"), stdout, *update)

	var right int
	for _, m := range regexp.MustCompile(`(?m)-(\d)\.\w+  digit (\d) `).FindAllStringSubmatch(stdout, -1) {
		if m[1] == m[2] {
			right++
		}
	}
	t.Logf("the test model (3 epochs on 20,000 images) gets %d of %d drawn digits right", right, len(files))
	if right < len(files)/2 {
		t.Errorf("%d of %d drawn digits right, want at least half: the preprocessing is off", right, len(files))
	}
}

func TestGoldenJSON(t *testing.T) {
	model := testModel(t)
	files := append(digitFiles(t)[:3], filepath.Join("testdata", "bad", "white.png"))
	stdout, stderr, err := runCmd(append([]string{"-model", model, "-json"}, files...)...)
	if err == nil || cli.ExitCode(err) != 1 || !strings.Contains(stderr, "white.png: no ink") {
		t.Errorf("err %v (exit %d), stderr %q; want exit 1 and the blank file named", err, cli.ExitCode(err), stderr)
	}
	golden.Check(t, filepath.Join("testdata", "digits-json.golden"), stdout, *update)
	var results []struct {
		File    string
		Digit   *int
		Outputs []float64
		Error   string
	}
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatal(err)
	}
	for i, r := range results[:3] {
		if r.Digit == nil || len(r.Outputs) != 10 || *r.Digit != slices.Index(r.Outputs, slices.Max(r.Outputs)) || r.Error != "" {
			t.Errorf("result %d: %+v, want a digit, the argmax of ten outputs", i, r)
		}
	}
	if r := results[3]; r.Digit != nil || r.Outputs != nil || !strings.Contains(r.Error, "no ink") {
		t.Errorf("the blank image: %+v, want only an error", r)
	}
}

// TestBadImages checks each broken file of testdata/bad: one line on
// stderr naming it, the good files still classified, exit status 1.
func TestBadImages(t *testing.T) {
	model := testModel(t)
	good := digitFiles(t)[0]
	bad := filepath.Join("testdata", "bad")
	tests := []struct{ file, want string }{
		{"not-an-image.txt", "not a PNG, JPEG or GIF image"},
		{"empty.png", "not a PNG, JPEG or GIF image"},
		{"truncated.png", "png image: png: invalid format"},
		{"huge.gif", "gif image of 20000×20000 pixels: more than 25 million"},
		{"white.png", "no ink: the image is blank"},
		{"missing.png", "no such file or directory"},
		{"", "is a directory"},
	}
	args := []string{"-model", model, good}
	for _, tt := range tests {
		args = append(args, filepath.Join(bad, tt.file))
	}
	stdout, stderr, err := runCmd(append(args, good)...)
	if cli.ExitCode(err) != 1 || err.Error() != "7 of 9 images could not be classified" {
		t.Errorf("err %v (exit %d), want 7 of 9 not classified, exit 1", err, cli.ExitCode(err))
	}
	if n := strings.Count(stdout, good+"  digit "); n != 2 {
		t.Errorf("the good file classified %d times, want 2 (before and after the bad ones):\n%s", n, stdout)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != len(tests) {
		t.Fatalf("%d lines on stderr, want %d:\n%s", len(lines), len(tests), stderr)
	}
	for i, tt := range tests {
		want := "predict: " + filepath.Join(bad, tt.file) + ": "
		if !strings.HasPrefix(lines[i], want) || !strings.Contains(lines[i], tt.want) {
			t.Errorf("stderr line %q, want %q…%q", lines[i], want, tt.want)
		}
	}
}

func TestBadUsage(t *testing.T) {
	dir := t.TempDir()
	notModel := filepath.Join(dir, "not-a-model.json")
	if err := os.WriteFile(notModel, []byte(`{"format":"other"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	wrongSizes := filepath.Join(dir, "iris.json")
	net, err := nn.New([]int{4, 5, 3}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := net.SaveFile(wrongSizes); err != nil {
		t.Fatal(err)
	}
	image := filepath.Join("testdata", "digits", "pen-1.png")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{image}, "-model is missing: train a model first, e.g. go run ./cmd/train -out m.json"},
		{[]string{"-model", notModel}, "no images"},
		{[]string{"-model", filepath.Join(dir, "missing.json"), image}, "-model: open " + filepath.Join(dir, "missing.json")},
		{[]string{"-model", notModel, image}, "-model: " + notModel},
		{[]string{"-model", wrongSizes, image}, "-model " + wrongSizes + ": the network's sizes are [4 5 3]; a network for MNIST takes 784 inputs and gives 10 outputs"},
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, err := runCmd(tt.args...)
			var usage *cli.UsageError
			if !errors.As(err, &usage) || cli.ExitCode(err) != 2 {
				t.Fatalf("err = %v, want a usage error (exit 2)", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("err = %q, want one line containing %q", msg, tt.want)
			}
			if stdout != "" || stderr != "" {
				t.Errorf("stdout %q, stderr %q; want nothing", stdout, stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	_, stderr, err := runCmd("-h")
	if cli.ExitCode(err) != 0 || !strings.Contains(stderr, "usage: predict -model FILE") || !strings.Contains(stderr, "-json") {
		t.Errorf("err %v, stderr:\n%s", err, stderr)
	}
}
