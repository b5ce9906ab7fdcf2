//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// signalWriter sends SIGINT to this process the first time it is written
// a line that starts an epoch's results.
type signalWriter struct {
	bytes.Buffer
	sent bool
}

func (w *signalWriter) Write(p []byte) (int, error) {
	if !w.sent && bytes.HasPrefix(p, []byte("    1 ")) {
		w.sent = true
		syscall.Kill(os.Getpid(), syscall.SIGINT)
	}
	return w.Buffer.Write(p)
}

func TestInterruptSavesModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	path := filepath.Join(t.TempDir(), "model.json")
	var out signalWriter
	start := time.Now()
	err := run([]string{"-train-n", "20000", "-epochs", "50", "-out", path}, &out, &bytes.Buffer{})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "model so far saved to "+path) {
		t.Fatalf("err = %v, want an interruption that saved the model", err)
	}
	if strings.Contains(out.String(), "   50 ") {
		t.Errorf("ran all 50 epochs (%v) despite the interrupt", time.Since(start))
	}
	if _, _, err := runCmd(t, "-load", path, "-eval"); err != nil {
		t.Errorf("the model saved on interrupt does not load: %v", err)
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
