package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/vzorecky/backprop/internal/cli"
)

const usageText = `usage: sidebyside [flags]

Times one epoch of training with numpy's matrix_net.py and with this
library's BenchmarkEpoch, alternately, and prints a Markdown table of
the seconds per epoch and of the ratios ours / numpy. Each program
trains -epochs epochs in a run, and both are compared by the same
statistic of them (-stat): the median by default, which matrix_net.py
prints as median_wall_s and BenchmarkEpoch as median-ns/epoch. Run it
from the module's root.

Flags:
`

// runner runs a program with the environment's variables changed as env
// says (an empty value removes one), and returns its standard output.
type runner func(ctx context.Context, env map[string]string, name string, args ...string) ([]byte, error)

// execute is the runner of the real programs. A failure's error ends with
// the last lines the program wrote to standard error.
func execute(ctx context.Context, env map[string]string, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !hasKey(env, k) {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range env {
		if v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, ctx.Err() // interrupted: exit status 130, not a failure
	}
	if err != nil {
		return out, fmt.Errorf("%s: %w%s", name, err, tail(stderr.Bytes(), out))
	}
	return out, nil
}

func hasKey(env map[string]string, k string) bool {
	_, ok := env[k]
	return ok
}

// tail returns the last few lines a failed program wrote, for its error.
func tail(outputs ...[]byte) string {
	var lines []string
	for _, o := range outputs {
		lines = append(lines, strings.Split(strings.TrimSpace(string(o)), "\n")...)
	}
	lines = lines[max(0, len(lines)-4):]
	if s := strings.TrimSpace(strings.Join(lines, "\n")); s != "" {
		return ":\n" + s
	}
	return ""
}

// config is what one invocation measures.
type config struct {
	runs      int
	epochs    int
	stat      string // "median" or "mean" of a run's epochs
	networks  [][]int
	batches   []int
	coretypes []string // OpenBLAS core types for numpy; "" is OpenBLAS's own choice
	impls     []string
	anchors   string
	mnist     string
	python    string
	bench     string
}

// run is the whole command, its arguments (without the program name),
// output streams and the runner of programs passed in so that tests can
// call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, exe runner) error {
	flags := flag.NewFlagSet("sidebyside", flag.ContinueOnError)
	runs := flags.Int("runs", 5, "how many times to measure every network and batch size, alternating numpy and Go")
	epochs := flags.Int("epochs", 3, "epochs each program trains in a run")
	stat := flags.String("stat", "median", "the `statistic` of a run's epochs that both programs are compared by: median or mean")
	sizes := flags.String("sizes", "784-30-10,784-100-10,784-800-10", "the networks' layer `sizes`, comma-separated, each as 784-30-10")
	batches := flags.String("batches", "10,100", "the mini-batch `sizes`, comma-separated")
	coretypes := flags.String("coretypes", ",SkylakeX", "OpenBLAS core `types` to run numpy with, comma-separated; an empty one is OpenBLAS's own choice")
	impls := flags.String("impls", "tuned", "the benchmarks' `impl`s to time, comma-separated (tuned, tuned-1thread, gonum)")
	anchors := flags.String("anchors", filepath.Join("..", "shared", "anchors"), "the `folder` of matrix_net.py")
	mnistDir := flags.String("mnist", filepath.Join("mnist", "data"), "the `folder` of the MNIST files, for numpy")
	python := flags.String("python", "python3", "the Python `program`, with numpy")
	bench := flags.String("bench", "", "the benchmark `binary` (go test -c ./benchmarks); empty builds one")
	if err := cli.Parse(flags, args, usageText, stderr); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return cli.Usagef("unexpected argument %q: everything is a flag", flags.Arg(0))
	}
	c := config{runs: *runs, epochs: *epochs, stat: *stat, anchors: *anchors, python: *python, bench: *bench,
		coretypes: strings.Split(*coretypes, ","), impls: strings.Split(*impls, ",")}
	var err error
	switch {
	case c.runs < 1:
		return cli.Usagef("-runs %d: at least one run is needed", c.runs)
	case c.epochs < 1:
		return cli.Usagef("-epochs %d: at least one epoch is needed", c.epochs)
	case c.stat != "median" && c.stat != "mean":
		return cli.Usagef("-stat %q: median or mean", c.stat)
	case slices.Contains(c.impls, ""):
		return cli.Usagef("-impls %q: an empty name", *impls)
	}
	if c.networks, err = parseNetworks(*sizes); err != nil {
		return cli.Usage(fmt.Errorf("-sizes: %w", err))
	}
	if c.batches, err = parseInts(*batches); err != nil {
		return cli.Usage(fmt.Errorf("-batches: %w", err))
	}
	if c.mnist, err = filepath.Abs(*mnistDir); err != nil {
		return err
	}
	script := filepath.Join(c.anchors, "matrix_net.py")
	if _, err := os.Stat(script); err != nil {
		return cli.Usagef("-anchors: %v", err)
	}
	if c.bench == "" {
		dir, err := os.MkdirTemp("", "sidebyside")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		c.bench = filepath.Join(dir, "bench.test")
		fmt.Fprintln(stderr, "building the benchmarks: go test -c ./benchmarks")
		if _, err := exe(ctx, nil, "go", "test", "-c", "-o", c.bench, "./benchmarks"); err != nil {
			return err
		}
	}
	results, err := measure(ctx, c, exe, stderr)
	if err != nil {
		return err
	}
	return writeTable(stdout, c, results)
}

// parseInts parses comma-separated positive integers.
func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 1 {
			return nil, fmt.Errorf("%q is not a positive whole number", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// parseNetworks parses networks such as "784-30-10,784-800-10".
func parseNetworks(s string) ([][]int, error) {
	var out [][]int
	for _, n := range strings.Split(s, ",") {
		sizes, err := parseInts(strings.ReplaceAll(n, "-", ","))
		if err != nil || len(sizes) < 2 {
			return nil, fmt.Errorf("%q is not a network: give two or more layer sizes, such as 784-30-10", n)
		}
		out = append(out, sizes)
	}
	return out, nil
}

// join writes sizes with sep between them.
func join(sizes []int, sep string) string {
	s := make([]string, len(sizes))
	for i, v := range sizes {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, sep)
}
