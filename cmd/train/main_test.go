package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/internal/golden"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// runCmd calls run and returns its stdout, stderr and error.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// timings matches the figures that change from run to run.
var timings = regexp.MustCompile(`(?m)^(\s+\d+)\s+\d+\.\d{3}|training \d+\.\ds, total \d+\.\ds`)

func maskTimings(s string) string {
	return timings.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "training") {
			return "training X.Xs, total X.Xs"
		}
		fields := strings.Fields(m)
		return strings.Repeat(" ", 5-len(fields[0])) + fields[0] + "     X.XXX"
	})
}

func TestGoldenOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	tests := []struct {
		golden string
		args   []string
	}{
		// -impl gonum: its SSE2 kernels round the same on every amd64 processor and
		// in both builds, where tuned's differ between AVX2 and AVX-512.
		{"small.golden", []string{"-train-n", "2000", "-epochs", "2", "-impl", "gonum"}},
		{"hidden-no-shuffle.golden", []string{"-train-n", "1000", "-epochs", "1", "-hidden", "20,15", "-batch", "7", "-eta", "2.5", "-no-shuffle", "-impl", "gonum"}},
		{"quiet.golden", []string{"-train-n", "1000", "-epochs", "2", "-quiet", "-seed", "7", "-impl", "gonum"}},
		{"network2-recipe.golden", []string{"-train-n", "1000", "-epochs", "2", "-hidden", "20", "-cost", "cross-entropy", "-lambda", "5", "-eta", "0.5", "-init", "scaled", "-monitor", "-impl", "gonum"}},
		{"adam.golden", []string{"-train-n", "1000", "-epochs", "2", "-optimizer", "adam", "-eta", "0.001", "-impl", "gonum"}},
		{"dropout-plateau.golden", []string{"-train-n", "1000", "-epochs", "4", "-hidden", "30", "-activation", "relu", "-cost", "log-likelihood", "-init", "he", "-eta", "0.1", "-optimizer", "nesterov", "-dropout", "0.2", "-schedule", "plateau:1:2:4", "-patience", "2", "-impl", "gonum"}},
		{"relu-softmax.golden", []string{"-train-n", "1000", "-epochs", "2", "-hidden", "30", "-activation", "relu", "-cost", "log-likelihood", "-init", "he", "-eta", "0.1", "-impl", "gonum"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			stdout, stderr, err := runCmd(t, tt.args...)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			if stderr != "" {
				t.Errorf("stderr not a terminal, but got %q", stderr)
			}
			golden.Check(t, filepath.Join("testdata", tt.golden), maskTimings(stdout), *update)
		})
	}
}

func TestSameSeedSameModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	dir := t.TempDir()
	var models [2][]byte
	for i := range models {
		path := filepath.Join(dir, "model.json")
		if _, stderr, err := runCmd(t, "-train-n", "500", "-epochs", "2", "-quiet", "-out", path); err != nil {
			t.Fatalf("run: %v\n%s", err, stderr)
		}
		var err error
		if models[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two runs with the same seed saved different models")
	}
}

// TestThreadsSameModel trains with every core, the default, and with
// -threads 1 and 3: the saved models are the same, byte for byte.
func TestThreadsSameModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	dir := t.TempDir()
	var models [][]byte
	for _, threads := range []string{"0", "1", "3"} {
		path := filepath.Join(dir, "model-"+threads+".json")
		// 156,800 weights in the hidden layer: products that Tuned splits.
		if _, stderr, err := runCmd(t, "-train-n", "1000", "-epochs", "1", "-batch", "50", "-hidden", "200", "-quiet", "-threads", threads, "-out", path); err != nil {
			t.Fatalf("run: %v\n%s", err, stderr)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, data)
	}
	if !bytes.Equal(models[0], models[1]) || !bytes.Equal(models[0], models[2]) {
		t.Error("-threads 0, 1 and 3 saved different models")
	}
}

func TestSaveLoadEvaluate(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	path := filepath.Join(t.TempDir(), "model.json")
	stdout, stderr, err := runCmd(t, "-train-n", "1000", "-epochs", "1", "-out", path, "-data", "../../mnist/data")
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	final := regexp.MustCompile(`final (\d+\.\d\d%)`).FindStringSubmatch(stdout)
	if final == nil {
		t.Fatalf("no final accuracy in\n%s", stdout)
	}
	stdout, stderr, err = runCmd(t, "-load", path, "-eval")
	if err != nil {
		t.Fatalf("run -eval: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "test       accuracy "+final[1]) {
		t.Errorf("-eval of the saved model says\n%s\nwant test accuracy %s", stdout, final[1])
	}
	// Training on from the saved model goes on from its accuracy, not from
	// random weights.
	stdout, stderr, err = runCmd(t, "-load", path, "-train-n", "1000", "-epochs", "1", "-out", path)
	if err != nil {
		t.Fatalf("run -load: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "model saved to "+path) {
		t.Errorf("continued training did not save:\n%s", stdout)
	}
}

// TestNetwork2RoundTrip saves a model in network2.py's format and
// evaluates it again from that file.
func TestNetwork2RoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	path := filepath.Join(t.TempDir(), "network2.json")
	stdout, stderr, err := runCmd(t, "-train-n", "1000", "-epochs", "1", "-cost", "cross-entropy", "-out", path, "-out-format", "network2")
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	final := regexp.MustCompile(`final (\d+\.\d\d%)`).FindStringSubmatch(stdout)
	if final == nil {
		t.Fatalf("no final accuracy in\n%s", stdout)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), `"cost":"CrossEntropyCost"`) || strings.Contains(string(data), `"format"`) {
		t.Fatalf("not a network2.py file (%v):\n%.200s", err, data)
	}
	stdout, stderr, err = runCmd(t, "-load", path, "-eval")
	if err != nil {
		t.Fatalf("run -eval: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "test       accuracy "+final[1]) {
		t.Errorf("-eval of the network2.py file says\n%s\nwant test accuracy %s", stdout, final[1])
	}
}

func TestBadUsage(t *testing.T) {
	dir := t.TempDir()
	notModel := filepath.Join(dir, "not-a-model.json")
	if err := os.WriteFile(notModel, []byte(`{"format":"other"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	folderPNG := filepath.Join(dir, "folder.png")
	if err := os.Mkdir(folderPNG, 0o755); err != nil {
		t.Fatal(err)
	}
	small := dataDir(t, 10001, 27, 27, 5)   // every image 27×27
	noTest := dataDir(t, 10001, 28, 28, 0)  // a test file of no images
	mixed := dataDir(t, 10001, 28, 28, -27) // test images 27×27
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-data", small}, "-data " + small + ": train-images-idx3-ubyte.gz holds 27×27 images, a network for MNIST reads 28×28"},
		{[]string{"-data", noTest}, "-data " + noTest + ": t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz: mnist: invalid IDX data: no images"},
		{[]string{"-data", mixed}, "holds 28×28 images but t10k-images-idx3-ubyte.gz 27×27"},
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"-epochs", "x"}, `invalid value "x" for flag -epochs`},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-sizes", "784,,10"}, `"" is not a positive whole number`},
		{[]string{"-sizes", "784,-3,10"}, `"-3" is not a positive whole number`},
		{[]string{"-sizes", "784"}, "at least 2 layers"},
		{[]string{"-sizes", "784,100000000,10"}, "more than 1073741824 weights and biases"},
		{[]string{"-sizes", "100,30,10"}, "MNIST needs 784 inputs"},
		{[]string{"-sizes", "784,30,9"}, "MNIST needs 784 inputs"},
		{[]string{"-hidden", "30", "-sizes", "784,30,10"}, "use one"},
		{[]string{"-hidden", "a"}, `"a" is not a positive whole number`},
		{[]string{"-epochs", "0"}, "-epochs 0: must be at least 1"},
		{[]string{"-batch", "-1"}, "-batch -1: must be at least 1"},
		{[]string{"-eta", "0"}, "-eta 0: must be positive"},
		{[]string{"-eta", "NaN"}, "-eta NaN: must be positive"},
		{[]string{"-eta", "Inf"}, "-eta +Inf: must be positive"},
		{[]string{"-train-n", "-5"}, "must not be negative"},
		{[]string{"-train-n", "50001"}, "there are only 50000 training images"},
		{[]string{"-threads", "-1"}, "-threads -1: must be 0 (every core) or more"},
		{[]string{"-impl", "gpu"}, `-impl "gpu": want auto, gonum, naive`},
		{[]string{"-eval"}, "-eval needs -load"},
		{[]string{"-load", notModel, "-hidden", "5"}, "drop -sizes/-hidden"},
		{[]string{"-data", filepath.Join(dir, "missing")}, "-data " + filepath.Join(dir, "missing")},
		{[]string{"-data", "testdata"}, "-data testdata"},
		{[]string{"-load", filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"-load", notModel}, "bad model file"},
		{[]string{"-out", filepath.Join(dir, "missing", "model.json")}, "cannot write there"},
		{[]string{"-out", dir}, "is a directory, not a regular file"},
		{[]string{"-out", "/dev/null"}, "/dev/null is a device, not a regular file"},
		{[]string{"-cost", "hinge"}, `-cost "hinge": want one of cross-entropy, log-likelihood, quadratic`},
		{[]string{"-activation", "swish"}, `-activation "swish": want one of`},
		{[]string{"-output-activation", "swish"}, `-output-activation "swish": want one of`},
		{[]string{"-activation", "softmax"}, "-activation softmax: only the output layer may use softmax"},
		{[]string{"-cost", "cross-entropy", "-output-activation", "relu"}, "-cost cross-entropy: cross-entropy needs outputs between 0 and 1"},
		{[]string{"-cost", "log-likelihood", "-output-activation", "tanh"}, "log-likelihood needs outputs between 0 and 1"},
		{[]string{"-init", "xavier"}, "-init xavier: want one of"},
		{[]string{"-lambda", "-1"}, "-lambda -1: must be 0 or more"},
		{[]string{"-lambda", "NaN"}, "-lambda NaN: must be 0 or more"},
		{[]string{"-load", notModel, "-cost", "cross-entropy"}, "drop -cost"},
		// The estimate depends on the cores (a gathered mini-batch for each).
		{[]string{"-hidden", "100", "-max-memory", "1M"}, "[784 100 10] in mini-batches of 10: training needs about " + human(nn.MemoryNeeded([]int{784, 100, 10}, 10)) + " of memory, more than the -max-memory limit (1.0 MiB)"},
		{[]string{"-max-memory", "lots"}, `invalid value "lots" for flag -max-memory: want a number of bytes`},
		{[]string{"-optimizer", "rmsprop"}, `-optimizer "rmsprop": want sgd, momentum, nesterov or adam`},
		{[]string{"-optimizer", "momentum", "-momentum", "1"}, "-momentum 1: must be between 0 and 1"},
		{[]string{"-optimizer", "adam", "-momentum", "0.5"}, "-momentum goes with -optimizer momentum or nesterov, not adam"},
		{[]string{"-schedule", "cosine"}, "-schedule cosine: want constant, step:N:F or plateau[:N:F:S]"},
		{[]string{"-schedule", "step:x:0.5"}, `-schedule step:x:0.5: "x" is not a number`},
		{[]string{"-schedule", "step:10:2"}, "-schedule"},
		{[]string{"-patience", "-2"}, "-patience -2: must be 0"},
		{[]string{"-dropout", "1"}, "-dropout 1: must be in [0, 1)"},
		{[]string{"-plot", "curves.pdf"}, `-plot "curves.pdf": the name must end in .svg or .png`},
		{[]string{"-plot", "curves"}, "the name must end in .svg or .png"},
		{[]string{"-plot", dir + "/c.svg", "-load", notModel, "-eval"}, "-plot draws the epochs of training; with -eval there are none"},
		{[]string{"-plot", filepath.Join(dir, "missing", "c.svg")}, "-plot " + filepath.Join(dir, "missing", "c.svg") + ": cannot write there"},
		{[]string{"-errors", "errors.jpg"}, `-errors "errors.jpg": the name must end in .png`},
		{[]string{"-errors", folderPNG}, "-errors " + folderPNG + ": cannot write there: " + folderPNG + " is a directory"},
		{[]string{"-out-format", "keras"}, `-out-format "keras": want backprop or network2`},
		{[]string{"-out-format", "network2", "-out", filepath.Join(dir, "n2.json"), "-activation", "relu"}, "-out-format network2: nn: network2.py has only sigmoid layers"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, err := runCmd(t, tt.args...)
			var usage *cli.UsageError
			if !errors.As(err, &usage) {
				t.Fatalf("err = %v (%T), want a usage error (exit 2)", err, err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("err = %q, want one line saying %q", msg, tt.want)
			}
			if stdout != "" || stderr != "" {
				t.Errorf("stdout %q and stderr %q, want nothing: main prints the one line", stdout, stderr)
			}
		})
	}
}

// dataDir writes the four MNIST files, gzipped, into a new folder: train
// images of rows×cols pixels, all 0, and test images of the same size, or
// of |test|×|test| when test < 0 (then 3 of them), or test of them.
func dataDir(t *testing.T, train, rows, cols, test int) string {
	t.Helper()
	dir := t.TempDir()
	testN, testRows, testCols := test, rows, cols
	if test < 0 {
		testN, testRows, testCols = 3, -test, -test
	}
	write := func(name string, dims ...int) {
		size := 1
		head := []byte{0, 0, 8, byte(len(dims))}
		for _, d := range dims {
			head = binary.BigEndian.AppendUint32(head, uint32(d))
			size *= d
		}
		var buf bytes.Buffer
		z := gzip.NewWriter(&buf)
		z.Write(head)
		z.Write(make([]byte, size))
		z.Close()
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(mnist.TrainImagesFile, train, rows, cols)
	write(mnist.TrainLabelsFile, train)
	write(mnist.TestImagesFile, testN, testRows, testCols)
	write(mnist.TestLabelsFile, testN)
	return dir
}

func TestHelp(t *testing.T) {
	_, stderr, err := runCmd(t, "-h")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr, "usage: train [flags]") || !strings.Contains(stderr, "-train-n N") {
		t.Errorf("err = %v, stderr:\n%s", err, stderr)
	}
}

func TestExitCode(t *testing.T) {
	_, _, usage := runCmd(t, "-epochs", "0")
	_, _, help := runCmd(t, "-h")
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"help", help, 0},
		{"bad usage", usage, 2},
		{"interrupted", fmt.Errorf("interrupted after 3 complete epochs: %w", context.Canceled), 130},
		{"diverged", &nn.DivergedError{Epoch: 2, Step: 7}, 1},
	}
	for _, tt := range tests {
		if got := cli.ExitCode(tt.err); got != tt.want {
			t.Errorf("%s: exit status %d, want %d", tt.name, got, tt.want)
		}
	}
}
