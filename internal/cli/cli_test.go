package cli_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/internal/cli"
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
