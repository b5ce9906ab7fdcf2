package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for the command: with
// TRAIN_AS_COMMAND=1 in its environment it runs main, so that the tests
// below can check real exit statuses and signals.
func TestMain(m *testing.M) {
	if os.Getenv("TRAIN_AS_COMMAND") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TRAIN_AS_COMMAND=1")
	return cmd
}

func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	t.Fatalf("running the command: %v", err)
	return -1
}

func TestCommandExitStatus(t *testing.T) {
	tests := []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"-h"}, 0, "usage: train [flags]"},
		{[]string{"-epochs", "0"}, 2, "train: -epochs 0: must be at least 1 (use -eval to only evaluate)\n"},
		{[]string{"-bogus"}, 2, "train: flag provided but not defined: -bogus\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stderr strings.Builder
			cmd := command(tt.args...)
			cmd.Stderr = &stderr
			status := exitStatus(t, cmd.Run())
			if status != tt.status || !strings.HasPrefix(stderr.String(), tt.stderr) {
				t.Errorf("exit status %d, stderr %q; want %d and %q", status, stderr.String(), tt.status, tt.stderr)
			}
		})
	}
}
