package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// measurement is one network at one batch size, and its seconds per epoch:
// numpy[t][r] with core type t in run r, ours[i][r] with impl i.
type measurement struct {
	sizes []int
	batch int
	numpy [][]float64
	ours  [][]float64
}

// measure runs every case runs times, numpy then Go within a run.
func measure(ctx context.Context, c config, exe runner, progress io.Writer) ([]*measurement, error) {
	var cases []*measurement
	for _, sizes := range c.networks {
		for _, batch := range c.batches {
			cases = append(cases, &measurement{sizes: sizes, batch: batch,
				numpy: make([][]float64, len(c.coretypes)), ours: make([][]float64, len(c.impls))})
		}
	}
	for r := range c.runs {
		for _, k := range cases {
			name := fmt.Sprintf("run %d/%d, %s at batch %d:", r+1, c.runs, join(k.sizes, "-"), k.batch)
			for t, coretype := range c.coretypes {
				s, err := timeNumpy(ctx, c, exe, k, coretype)
				if err != nil {
					return nil, err
				}
				k.numpy[t] = append(k.numpy[t], s)
				fmt.Fprintf(progress, "%s %s %.3f s\n", name, numpyName(coretype), s)
			}
			secs, err := timeOurs(ctx, c, exe, k)
			if err != nil {
				return nil, err
			}
			for i, s := range secs {
				k.ours[i] = append(k.ours[i], s)
				fmt.Fprintf(progress, "%s %s %.3f s\n", name, c.impls[i], s)
			}
		}
	}
	return cases, nil
}

// numpyName names numpy run with an OpenBLAS core type.
func numpyName(coretype string) string {
	if coretype == "" {
		return "numpy"
	}
	return "numpy " + coretype
}

// timeNumpy runs matrix_net.py and returns the median seconds of its
// epochs' training.
func timeNumpy(ctx context.Context, c config, exe runner, k *measurement, coretype string) (float64, error) {
	env := map[string]string{"MNIST_DIR": c.mnist, "OPENBLAS_CORETYPE": coretype}
	args := []string{filepath.Join(c.anchors, "matrix_net.py"), strconv.Itoa(c.epochs), strconv.Itoa(k.batch), "float64", "3.0", "1", join(k.sizes, ",")}
	out, err := exe(ctx, env, c.python, args...)
	if err != nil {
		return 0, err
	}
	s, err := parseNumpy(out)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", c.python, strings.Join(args, " "), err)
	}
	return s, nil
}

// parseNumpy returns median_wall_s from matrix_net.py's RESULT line.
func parseNumpy(out []byte) (float64, error) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || fields[0] != "RESULT" {
			continue
		}
		for _, f := range fields[1:] {
			if v, ok := strings.CutPrefix(f, "median_wall_s="); ok {
				s, err := strconv.ParseFloat(v, 64)
				if err != nil || !(s > 0) || math.IsInf(s, 1) {
					return 0, fmt.Errorf("its RESULT line has median_wall_s=%s, not a time", v)
				}
				return s, nil
			}
		}
		return 0, fmt.Errorf("its RESULT line has no median_wall_s:\n%s", sc.Text())
	}
	return 0, fmt.Errorf("no RESULT line in its output%s", tail(out))
}

// timeOurs runs BenchmarkEpoch for every impl at once and returns their
// seconds per epoch, in the order of c.impls.
func timeOurs(ctx context.Context, c config, exe runner, k *measurement) ([]float64, error) {
	quoted := make([]string, len(c.impls))
	for i, im := range c.impls {
		quoted[i] = regexp.QuoteMeta(im)
	}
	pattern := fmt.Sprintf("^BenchmarkEpoch$/^sizes=%s$/^batch=%d$/^impl=(%s)$", join(k.sizes, "-"), k.batch, strings.Join(quoted, "|"))
	args := []string{"-test.run", "^$", "-test.bench", pattern, "-test.benchtime", fmt.Sprintf("%dx", c.epochs)}
	out, err := exe(ctx, nil, c.bench, args...)
	if err != nil {
		return nil, err
	}
	secs, err := parseBench(out, fmt.Sprintf("BenchmarkEpoch/sizes=%s/batch=%d/impl=", join(k.sizes, "-"), k.batch), c.impls)
	if err != nil {
		return nil, fmt.Errorf("%s -test.bench '%s': %w", c.bench, pattern, err)
	}
	return secs, nil
}

// parseBench returns the seconds per op of the benchmarks named prefix
// followed by each of impls (and go test's -GOMAXPROCS suffix).
func parseBench(out []byte, prefix string, impls []string) ([]float64, error) {
	secs := make([]float64, len(impls))
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 {
			continue
		}
		rest, ok := strings.CutPrefix(fields[0], prefix)
		if !ok {
			continue
		}
		for i, im := range impls {
			suffix, ok := strings.CutPrefix(rest, im)
			if !ok || suffix != "" && !isProcs(suffix) {
				continue
			}
			for f := 2; f+1 < len(fields); f++ {
				if fields[f+1] == "ns/op" {
					ns, err := strconv.ParseFloat(fields[f], 64)
					if err != nil || !(ns > 0) || math.IsInf(ns, 1) {
						return nil, fmt.Errorf("%s: %q is not a time in ns/op", fields[0], fields[f])
					}
					secs[i] = ns / 1e9
				}
			}
		}
	}
	for i, s := range secs {
		if s == 0 {
			return nil, fmt.Errorf("no result for impl=%s (one of BenchmarkEpoch's impl= names?) in its output%s", impls[i], tail(out))
		}
	}
	return secs, nil
}

// isProcs reports whether s is go test's suffix of a benchmark's name, -N
// for GOMAXPROCS N.
func isProcs(s string) bool {
	n, ok := strings.CutPrefix(s, "-")
	if !ok || n == "" {
		return false
	}
	_, err := strconv.Atoi(n)
	return err == nil
}
