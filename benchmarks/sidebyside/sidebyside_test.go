package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fake stands in for the programs: numpy's median epoch grows by a
// second with every run of it, its mean is a second more; Go's median is
// a tenth of the call's number, its mean an eighth. Every median, range
// and ratio of the tables can be checked by hand in the golden files.
type fake struct {
	calls    []string
	numpy    int
	bench    int
	fail     string // the program that fails, if any
	noMedian bool   // the benchmark reports no median-ns/epoch
}

func (f *fake) run(_ context.Context, env map[string]string, name string, args ...string) ([]byte, error) {
	call := name + " " + strings.Join(args, " ")
	if coretype, ok := env["OPENBLAS_CORETYPE"]; ok {
		call = fmt.Sprintf("MNIST_DIR=%s OPENBLAS_CORETYPE=%s %s", filepath.Base(env["MNIST_DIR"]), coretype, call)
	}
	f.calls = append(f.calls, call)
	if name == f.fail {
		return nil, errors.New(name + ": exit status 1")
	}
	switch name {
	case "python3":
		f.numpy++
		n := f.numpy
		return fmt.Appendf(nil, "epoch 0 train %d.000s (cpu 1s)\nepoch 1 train %d.000s (cpu 1s)\nepoch 2 train %d.000s (cpu 1s)\nRESULT matrix_numpy median_wall_s=%d.000 final=1\n",
			n+3, n, n, n), nil
	case "bench.test":
		f.bench++
		sizes := strings.Split(args[3], "$/^")[1]
		batch := strings.Split(args[3], "$/^")[2]
		median := func(ns int) string {
			if f.noMedian {
				return ""
			}
			return fmt.Sprintf("\t %d median-ns/epoch", ns)
		}
		return fmt.Appendf(nil, "goos: linux\nBenchmarkEpoch/%s/%s/impl=tuned-2 \t 3 \t %d ns/op%s\nBenchmarkEpoch/%s/%s/impl=tuned-1thread-2 \t 3 \t %d ns/op%s\nPASS\n",
			sizes, batch, f.bench*125_000_000, median(f.bench*100_000_000), sizes, batch, f.bench*250_000_000, median(f.bench*200_000_000)), nil
	}
	return nil, errors.New("unexpected program " + name)
}

// anchors returns a folder with a matrix_net.py, which the fake never runs.
func anchors(t *testing.T) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "matrix_net.py"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTable(t *testing.T) {
	for _, tc := range []struct {
		stat, table string
	}{
		{"", "testdata/table.golden"},
		{"mean", "testdata/table-mean.golden"},
	} {
		f := &fake{}
		var stdout, stderr bytes.Buffer
		args := []string{"-runs", "3", "-sizes", "784-30-10,784-800-10", "-batches", "10,100", "-impls", "tuned,tuned-1thread",
			"-anchors", anchors(t), "-bench", "bench.test", "-python", "python3"}
		if tc.stat != "" {
			args = append(args, "-stat", tc.stat)
		}
		if err := run(context.Background(), args, &stdout, &stderr, f.run); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, tc.table, stdout.String(), *update)
		golden.Check(t, "testdata/progress.golden", stderr.String(), *update)
		calls := strings.Join(f.calls, "\n") + "\n"
		calls = strings.ReplaceAll(calls, args[9], "ANCHORS")
		golden.Check(t, "testdata/calls.golden", calls, *update)
	}
}

func TestBadUsage(t *testing.T) {
	dir := anchors(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-runs", "0"}, "-runs 0: "},
		{[]string{"-epochs", "-1"}, "-epochs -1: "},
		{[]string{"-sizes", "784"}, `-sizes: "784" is not a network`},
		{[]string{"-sizes", "784-x-10"}, `-sizes: "784-x-10" is not a network`},
		{[]string{"-sizes", "784-30-10,"}, `-sizes: "" is not a network`},
		{[]string{"-batches", "10,0"}, `-batches: "0" is not a positive whole number`},
		{[]string{"-impls", "tuned,"}, `-impls "tuned,": an empty name`},
		{[]string{"-stat", "min"}, `-stat "min": median or mean`},
		{[]string{"-anchors", filepath.Join(dir, "none")}, "-anchors: "},
		{[]string{"stray"}, `unexpected argument "stray"`},
		{[]string{"-bogus"}, "flag provided but not defined"},
	} {
		f := &fake{}
		args := append([]string{"-anchors", dir, "-bench", "bench.test"}, tc.args...)
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, &stdout, &stderr, f.run)
		if cli.ExitCode(err) != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v (exit %d), want exit 2 and %q", tc.args, err, cli.ExitCode(err), tc.want)
		}
		if len(f.calls) > 0 || stdout.Len() > 0 {
			t.Errorf("%q: ran %q and printed %q before refusing", tc.args, f.calls, stdout.String())
		}
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-h"}, &stdout, &stderr, (&fake{}).run)
	if !errors.Is(err, flag.ErrHelp) || cli.ExitCode(err) != 0 || !strings.HasPrefix(stderr.String(), "usage: sidebyside") || !strings.Contains(stderr.String(), "-coretypes") {
		t.Errorf("-h: error %v, stderr %q", err, stderr.String())
	}
}

func TestFailures(t *testing.T) {
	for _, tc := range []struct {
		name, fail, want string
		bench            string
		noMedian         bool
	}{
		{"numpy fails", "python3", "python3: exit status 1", "bench.test", false},
		{"the benchmark fails", "bench.test", "bench.test: exit status 1", "bench.test", false},
		{"go test -c fails", "go", "go: exit status 1", "", false},
		{"a benchmark binary without the median", "", "bench.test reports no median-ns/epoch", "bench.test", true},
	} {
		f := &fake{fail: tc.fail, noMedian: tc.noMedian}
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"-runs", "1", "-anchors", anchors(t), "-bench", tc.bench}, &stdout, &stderr, f.run)
		if cli.ExitCode(err) != 1 || !strings.Contains(err.Error(), tc.want) || stdout.Len() > 0 {
			t.Errorf("%s: error %v (exit %d), stdout %q; want exit 1, %q and no table", tc.name, err, cli.ExitCode(err), stdout.String(), tc.want)
		}
	}
}

func TestParseNumpy(t *testing.T) {
	real, err := os.ReadFile("testdata/numpy.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, out string
		want      epochs
		err       string
	}{
		{"matrix_net.py's output", string(real), epochs{median: 0.219, mean: (0.219 + 0.251 + 0.205) / 3}, ""},
		{"no RESULT line", "epoch 0 train 0.2s\nTraceback: MNIST_DIR not found\n", epochs{}, "no RESULT line in its output:\nepoch 0 train 0.2s\nTraceback: MNIST_DIR not found"},
		{"no median", "epoch 0 train 0.2s\nRESULT matrix_numpy final=1\n", epochs{}, "has no median_wall_s"},
		{"not a time", "epoch 0 train 0.2s\nRESULT matrix_numpy median_wall_s=nan\n", epochs{}, "median_wall_s=nan, not a time"},
		{"zero", "epoch 0 train 0.2s\nRESULT matrix_numpy median_wall_s=0\n", epochs{}, "not a time"},
		{"infinite", "epoch 0 train 0.2s\nRESULT matrix_numpy median_wall_s=+Inf\n", epochs{}, "not a time"},
		{"no epochs", "RESULT matrix_numpy median_wall_s=0.2\n", epochs{}, `no line "epoch N train Xs"`},
		{"an epoch not timed", "epoch 0 train fast\nRESULT matrix_numpy median_wall_s=0.2\n", epochs{}, `has fast, not a time`},
		{"an epoch of no time", "epoch 0 train 0.000s\nRESULT matrix_numpy median_wall_s=0.2\n", epochs{}, `has 0.000s, not a time`},
	} {
		got, err := parseNumpy([]byte(tc.out))
		if math.Abs(got.mean-tc.want.mean) > 1e-15 || got.median != tc.want.median || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: %v, %v; want %v, error containing %q", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestParseBench(t *testing.T) {
	real, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "BenchmarkEpoch/sizes=784-30-10/batch=100/impl="
	tuned, oneThread := epochs{median: 0.059599396, mean: 0.059653117}, epochs{median: 0.094431721, mean: 0.094478236}
	for _, tc := range []struct {
		name, out string
		impls     []string
		want      []epochs
		err       string
	}{
		{"go test's output", string(real), []string{"tuned", "tuned-1thread"}, []epochs{tuned, oneThread}, ""},
		{"the other order", string(real), []string{"tuned-1thread", "tuned"}, []epochs{oneThread, tuned}, ""},
		{"GOMAXPROCS=1, no suffix", prefix + "tuned \t 1 \t 5e8 ns/op \t 4e8 median-ns/epoch\n", []string{"tuned"}, []epochs{{median: 0.4, mean: 0.5}}, ""},
		{"an older binary: no median", prefix + "tuned \t 1 \t 5e8 ns/op\n", []string{"tuned"}, []epochs{{mean: 0.5}}, ""},
		{"a longer name is another impl", prefix + "tuned-1thread-2 \t 1 \t 100 ns/op\n", []string{"tuned"}, nil, "no result for impl=tuned"},
		{"another batch", strings.ReplaceAll(string(real), "batch=100", "batch=10"), []string{"tuned"}, nil, "no result for impl=tuned"},
		{"not a number", prefix + "tuned-2 \t 1 \t x ns/op\n", []string{"tuned"}, nil, `"x" is not a time in ns/op`},
		{"NaN", prefix + "tuned-2 \t 1 \t NaN ns/op\n", []string{"tuned"}, nil, `"NaN" is not a time`},
		{"a median of no time", prefix + "tuned-2 \t 1 \t 5e8 ns/op \t 0 median-ns/epoch\n", []string{"tuned"}, nil, `"0" is not a time in median-ns/epoch`},
	} {
		got, err := parseBench([]byte(tc.out), prefix, tc.impls)
		if !slices.Equal(got, tc.want) || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: %v, %v; want %v, error containing %q", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestSpread(t *testing.T) {
	for _, tc := range []struct {
		v    []float64
		want string
	}{
		{[]float64{2}, "2.00"},
		{[]float64{3, 1}, "2.00 (1.00–3.00)"},
		{[]float64{5, 1, 2}, "2.00 (1.00–5.00)"},
		{[]float64{0.4, 0.1, 0.3, 0.2}, "0.25 (0.10–0.40)"},
	} {
		if got := spread(tc.v, "%.2f"); got != tc.want {
			t.Errorf("spread(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestExecute(t *testing.T) {
	t.Setenv("SIDEBYSIDE_KEPT", "kept")
	t.Setenv("SIDEBYSIDE_REMOVED", "there")
	env := map[string]string{"SIDEBYSIDE_SET": "set", "SIDEBYSIDE_REMOVED": ""}
	out, err := execute(context.Background(), env, "sh", "-c", `echo "$SIDEBYSIDE_KEPT ${SIDEBYSIDE_REMOVED-unset} $SIDEBYSIDE_SET"`)
	if err != nil || string(out) != "kept unset set\n" {
		t.Errorf("environment: %q, %v; want \"kept unset set\\n\"", out, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := execute(ctx, nil, "sh", "-c", "sleep 10"); !errors.Is(err, context.Canceled) || cli.ExitCode(err) != 130 {
		t.Errorf("interrupted: %v (exit %d), want context.Canceled (exit 130)", err, cli.ExitCode(err))
	}
	_, err = execute(context.Background(), nil, "sh", "-c", "echo partial; echo 'no such file' >&2; exit 3")
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.HasSuffix(err.Error(), "no such file\npartial") {
		t.Errorf("failure: %v; want the exit status and the last lines", err)
	}
}
