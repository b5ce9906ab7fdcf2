package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

func TestCommandInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	path := filepath.Join(t.TempDir(), "model.json")
	cmd := command("-train-n", "20000", "-epochs", "100", "-out", path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "    1 ") {
			break // the first epoch is done: the handler is surely installed
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() {
	}
	// Without the interrupt all 100 epochs would run and the status be 0.
	status := exitStatus(t, cmd.Wait())
	if status != 130 || !strings.Contains(stderr.String(), "model so far saved to "+path) {
		t.Errorf("exit status %d, stderr %q; want 130 and the model saved", status, stderr.String())
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no model after the interrupt: %v", err)
	}
}
