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
	numpy [][]epochs
	ours  [][]epochs
}

// epochs is the seconds of the epochs one program trained in one run, as
// their median and their mean.
type epochs struct{ median, mean float64 }

// of returns the statistic named stat: "median" or "mean".
func (e epochs) of(stat string) float64 {
	if stat == "mean" {
		return e.mean
	}
	return e.median
}

func (e epochs) String() string {
	return fmt.Sprintf("median %.3f s, mean %.3f s", e.median, e.mean)
}

// measure runs every case runs times, numpy then Go within a run.
func measure(ctx context.Context, c config, exe runner, progress io.Writer) ([]*measurement, error) {
	var cases []*measurement
	for _, sizes := range c.networks {
		for _, batch := range c.batches {
			cases = append(cases, &measurement{sizes: sizes, batch: batch,
				numpy: make([][]epochs, len(c.coretypes)), ours: make([][]epochs, len(c.impls))})
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
				fmt.Fprintf(progress, "%s %s %v\n", name, numpyName(coretype), s)
			}
			secs, err := timeOurs(ctx, c, exe, k)
			if err != nil {
				return nil, err
			}
			for i, s := range secs {
				k.ours[i] = append(k.ours[i], s)
				fmt.Fprintf(progress, "%s %s %v\n", name, c.impls[i], s)
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

// timeNumpy runs matrix_net.py and returns the seconds of its epochs'
// training.
func timeNumpy(ctx context.Context, c config, exe runner, k *measurement, coretype string) (epochs, error) {
	env := map[string]string{"MNIST_DIR": c.mnist, "OPENBLAS_CORETYPE": coretype}
	args := []string{filepath.Join(c.anchors, "matrix_net.py"), strconv.Itoa(c.epochs), strconv.Itoa(k.batch), "float64", "3.0", "1", join(k.sizes, ",")}
	out, err := exe(ctx, env, c.python, args...)
	if err != nil {
		return epochs{}, err
	}
	e, err := parseNumpy(out)
	if err != nil {
		return epochs{}, fmt.Errorf("%s %s: %w", c.python, strings.Join(args, " "), err)
	}
	return e, nil
}

// parseNumpy returns the median of matrix_net.py's epochs from its RESULT
// line, median_wall_s, and their mean from its lines "epoch N train Xs".
func parseNumpy(out []byte) (epochs, error) {
	var (
		sum   float64
		count int
	)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 4 && fields[0] == "epoch" && fields[2] == "train" {
			s, err := strconv.ParseFloat(strings.TrimSuffix(fields[3], "s"), 64)
			if err != nil || !(s > 0) || math.IsInf(s, 1) {
				return epochs{}, fmt.Errorf("its line %q has %s, not a time", sc.Text(), fields[3])
			}
			sum, count = sum+s, count+1
			continue
		}
		if len(fields) == 0 || fields[0] != "RESULT" {
			continue
		}
		for _, f := range fields[1:] {
			if v, ok := strings.CutPrefix(f, "median_wall_s="); ok {
				s, err := strconv.ParseFloat(v, 64)
				if err != nil || !(s > 0) || math.IsInf(s, 1) {
					return epochs{}, fmt.Errorf("its RESULT line has median_wall_s=%s, not a time", v)
				}
				if count == 0 {
					return epochs{}, fmt.Errorf("no line \"epoch N train Xs\" before its RESULT line%s", tail(out))
				}
				return epochs{median: s, mean: sum / float64(count)}, nil
			}
		}
		return epochs{}, fmt.Errorf("its RESULT line has no median_wall_s:\n%s", sc.Text())
	}
	return epochs{}, fmt.Errorf("no RESULT line in its output%s", tail(out))
}

// timeOurs runs BenchmarkEpoch for every impl at once and returns the
// seconds of their epochs, in the order of c.impls.
func timeOurs(ctx context.Context, c config, exe runner, k *measurement) ([]epochs, error) {
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
	for _, s := range secs {
		if c.stat == "median" && s.median == 0 {
			return nil, fmt.Errorf("%s reports no median-ns/epoch, the median of its epochs: build it from this version (go test -c ./benchmarks), or give -stat mean", c.bench)
		}
	}
	return secs, nil
}

// parseBench returns the seconds of the epochs of the benchmarks named
// prefix followed by each of impls (and go test's -GOMAXPROCS suffix):
// their mean, ns/op, and their median, median-ns/epoch. A benchmark
// binary older than that metric leaves the median 0.
func parseBench(out []byte, prefix string, impls []string) ([]epochs, error) {
	secs := make([]epochs, len(impls))
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
				var dst *float64
				switch fields[f+1] {
				case "ns/op":
					dst = &secs[i].mean
				case "median-ns/epoch":
					dst = &secs[i].median
				default:
					continue
				}
				ns, err := strconv.ParseFloat(fields[f], 64)
				if err != nil || !(ns > 0) || math.IsInf(ns, 1) {
					return nil, fmt.Errorf("%s: %q is not a time in %s", fields[0], fields[f], fields[f+1])
				}
				*dst = ns / 1e9
			}
		}
	}
	for i, s := range secs {
		if s.mean == 0 {
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
