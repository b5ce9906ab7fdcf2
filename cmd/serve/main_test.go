package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/nn"
)

// syncBuffer is a bytes.Buffer that run can write to while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func saveModel(t *testing.T, sizes []int) string {
	t.Helper()
	net, err := nn.New(sizes, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := net.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunServesAndShutsDown starts the command on a free port, asks it
// for the page, and cancels its context as Ctrl-C does: run returns nil
// and the port is closed.
func TestRunServesAndShutsDown(t *testing.T) {
	model := saveModel(t, []int{784, 16, 10})
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-model", model, "-addr", "127.0.0.1:0"}, &stdout, &stderr) }()

	var url string
	for start := time.Now(); url == "" && time.Since(start) < 10*time.Second; time.Sleep(10 * time.Millisecond) {
		url = regexp.MustCompile(`http://\S+`).FindString(stdout.String())
	}
	if url == "" {
		cancel()
		t.Fatalf("no address on stdout after 10 s: %q, stderr %q, run: %v", stdout.String(), stderr.String(), <-done)
	}
	res, err := http.Get(url + "/api/model")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"sizes":[784,16,10]`) {
		t.Errorf("GET /api/model: %d %s", res.StatusCode, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after the interrupt: %v", err)
		}
	case <-time.After(shutdownTimeout + 5*time.Second):
		t.Fatal("run did not return after the interrupt")
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("stderr %q does not say it shuts down", stderr.String())
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Error("the server still answers after shutting down")
	}
}

func TestRunAddressTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = run(context.Background(), []string{"-model", saveModel(t, []int{784, 16, 10}), "-addr", ln.Addr().String()}, io.Discard, io.Discard)
	if err == nil || cli.ExitCode(err) != 1 || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("err %v (exit %d), want the address in use, exit 1", err, cli.ExitCode(err))
	}
}

func TestBadUsage(t *testing.T) {
	notModel := filepath.Join(t.TempDir(), "not-a-model.json")
	if err := os.WriteFile(notModel, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	iris := saveModel(t, []int{4, 5, 3})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "no -model: train one first, go run ./cmd/train -out m.json, then go run ./cmd/serve -model m.json"},
		{[]string{"-model", notModel}, "-model: "},
		{[]string{"-model", filepath.Join(t.TempDir(), "missing.json")}, "no such file"},
		{[]string{"-model", iris}, "a network for MNIST takes 784 inputs and gives 10 outputs"},
		{[]string{"-model", iris, "extra"}, `unexpected argument "extra"`},
		{[]string{"-port", "80"}, "flag provided but not defined: -port"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, &stdout, &stderr)
			var usage *cli.UsageError
			if !errors.As(err, &usage) || cli.ExitCode(err) != 2 {
				t.Fatalf("err %v, want a usage error (exit 2)", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("err %q, want one line containing %q", msg, tt.want)
			}
			if stdout.Len() != 0 || stderr.Len() != 0 {
				t.Errorf("stdout %q, stderr %q; want nothing", stdout.String(), stderr.String())
			}
		})
	}
}

func TestHelp(t *testing.T) {
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"-h"}, io.Discard, &stderr)
	if cli.ExitCode(err) != 0 || !strings.Contains(stderr.String(), "usage: serve -model FILE") || !strings.Contains(stderr.String(), "-addr") {
		t.Errorf("err %v, stderr:\n%s", err, stderr.String())
	}
}
