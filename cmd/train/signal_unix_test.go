//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vzorecky/backprop/internal/cli"
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

// TestInterruptSavesModel interrupts training after the first epoch's
// line: what is saved must be the network of a completed, evaluated epoch,
// whose accuracy the message gives.
func TestInterruptSavesModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	path := filepath.Join(t.TempDir(), "model.json")
	var out signalWriter
	start := time.Now()
	err := run([]string{"-train-n", "20000", "-epochs", "50", "-out", path}, &out, &bytes.Buffer{})
	saved := regexp.MustCompile(`saved the model of epoch (\d+) \(test accuracy (\d+\.\d\d%)\) to ` + regexp.QuoteMeta(path)).FindStringSubmatch(fmt.Sprint(err))
	if !errors.Is(err, context.Canceled) || saved == nil {
		t.Fatalf("err = %v, want an interruption that saved the model of an epoch", err)
	}
	if strings.Contains(out.String(), "   50 ") {
		t.Errorf("ran all 50 epochs (%v) despite the interrupt", time.Since(start))
	}
	if !strings.Contains(out.String(), fmt.Sprintf("%5s ", saved[1])) || !strings.Contains(out.String(), saved[2]) {
		t.Errorf("the message names epoch %s at %s, which the output does not show:\n%s", saved[1], saved[2], out.String())
	}
	stdout, _, err := runCmd(t, "-load", path, "-eval")
	if err != nil {
		t.Fatalf("the model saved on interrupt does not load: %v", err)
	}
	if !strings.Contains(stdout, "test       accuracy "+saved[2]) {
		t.Errorf("the saved model evaluates as\n%s\nwant test accuracy %s, the epoch's", stdout, saved[2])
	}
}

// TestInterruptBeforeFirstEpoch interrupts the start-up: an existing model
// file must stay as it was.
func TestInterruptBeforeFirstEpoch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "good.json")
	good := []byte("a good model, whatever it holds")
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	testHookStartup = func(ctx context.Context) {
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		<-ctx.Done() // delivered: now the run goes on, interrupted
	}
	defer func() { testHookStartup = nil }()
	_, _, err := runCmd(t, "-train-n", "500", "-epochs", "1", "-out", path)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "nothing saved, "+path+" left as it was") {
		t.Errorf("err = %v, want an interruption that saved nothing", err)
	}
	if cli.ExitCode(err) != 130 {
		t.Errorf("exit status %d, want 130", cli.ExitCode(err))
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, good) {
		t.Errorf("the existing file now holds %.60q", got)
	}
}

// TestSecondInterruptWaitsForSave checks that a second signal during a
// save ends the program only after the save.
func TestSecondInterruptWaitsForSave(t *testing.T) {
	ctx, in := watchInterrupts(io.Discard)
	defer in.stop()
	exited := make(chan int, 1)
	in.exit = func(code int) { exited <- code }
	saving, release, saved := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go in.save(func() error {
		close(saving)
		<-release
		close(saved)
		return nil
	})
	<-saving
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	<-ctx.Done()
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case <-exited:
		t.Fatal("exited in the middle of the save")
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	select {
	case code := <-exited:
		select {
		case <-saved:
		default:
			t.Error("exited before the save ended")
		}
		if code != 130 {
			t.Errorf("exit status %d, want 130", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second interrupt did not end the program after the save")
	}
}

// TestClosedStdout runs the command with its standard output closed after
// the first line, as train | head -1 does: the run and its save go on.
func TestClosedStdout(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	path := filepath.Join(t.TempDir(), "model.json")
	cmd := command("-train-n", "2000", "-epochs", "3", "-out", path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	bufio.NewReader(stdout).ReadString('\n')
	stdout.Close()
	if status := exitStatus(t, cmd.Wait()); status != 0 {
		t.Errorf("exit status %d with standard output closed, want 0", status)
	}
	if _, _, err := runCmd(t, "-load", path, "-eval"); err != nil {
		t.Errorf("no model saved after standard output closed: %v", err)
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
	if status != 130 || !strings.Contains(stderr.String(), ") to "+path) {
		t.Errorf("exit status %d, stderr %q; want 130 and the model saved", status, stderr.String())
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no model after the interrupt: %v", err)
	}
}
