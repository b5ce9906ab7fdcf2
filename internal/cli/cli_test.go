package cli_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/nn"
)

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"help", flag.ErrHelp, 0},
		{"usage", cli.Usagef("-n %d: too many", 3), 2},
		{"wrapped usage", fmt.Errorf("x: %w", cli.Usage(errors.New("bad"))), 2},
		{"interrupted", fmt.Errorf("stopped: %w", context.Canceled), 130},
		{"failure", errors.New("disk full"), 1},
	} {
		if got := cli.ExitCode(tc.err); got != tc.want {
			t.Errorf("%s: ExitCode = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		wantStderr string
	}{
		{[]string{"-n", "3"}, 0, ""},
		{[]string{"-h"}, 0, "usage: x [flags]\n  -n count"},
		{[]string{"-n", "x"}, 2, ""},
		{[]string{"-bogus"}, 2, ""},
	} {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.Int("n", 1, "`count` of things")
		var stderr bytes.Buffer
		err := cli.Parse(fs, tc.args, "usage: x [flags]\n", &stderr)
		if cli.ExitCode(err) != tc.code || !strings.HasPrefix(stderr.String(), tc.wantStderr) || (tc.wantStderr == "" && stderr.Len() > 0) {
			t.Errorf("%q: err %v (exit %d), stderr %q; want exit %d, stderr starting %q", tc.args, err, cli.ExitCode(err), stderr.String(), tc.code, tc.wantStderr)
		}
	}
}

func TestLoadModel(t *testing.T) {
	dir := t.TempDir()
	save := func(name string, sizes []int) string {
		net, err := nn.New(sizes, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := net.SaveFile(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	mnistModel, small := save("mnist.json", []int{784, 5, 10}), save("small.json", []int{4, 3, 2})
	for _, tc := range []struct {
		name, path string
		code       int
		wantErr    string
	}{
		{"an MNIST model", mnistModel, 0, ""},
		{"a missing file", filepath.Join(dir, "none.json"), 2, "-model: "},
		{"other sizes", small, 2, "-model " + small + ": "},
	} {
		net, err := cli.LoadModel(tc.path)
		if cli.ExitCode(err) != tc.code || (err == nil) != (net != nil) || (tc.wantErr != "" && !strings.HasPrefix(err.Error(), tc.wantErr)) {
			t.Errorf("%s: network %v, err %v (exit %d); want exit %d and an error starting %q", tc.name, net != nil, err, cli.ExitCode(err), tc.code, tc.wantErr)
		}
	}
}
