// Command serve is a digit pad in the browser: draw a digit with the mouse
// or a finger, and watch a trained network answer as you draw, with its
// ten outputs, the activations of its hidden layers and the 28×28 input it
// reads after MNIST's preprocessing.
//
//	go run ./cmd/train -out m.json
//	go run ./cmd/serve -model m.json      # then open http://127.0.0.1:8080
//
// The page is embedded in the binary and loads nothing from other hosts.
// Its JSON endpoint, POST /api/predict with {"image": "data:image/png;base64,…"},
// answers with the preprocessed input, every layer's activations and the
// outputs; GET /api/model describes the network. Requests are limited in
// size and time, answered concurrently (the network is only read, through
// nn.Network.Trace), and Ctrl-C or SIGTERM shuts the server down
// gracefully, letting requests in progress finish.
//
// The exit status is 0 after a shutdown, 2 for bad usage (flags, no
// -model, a model that cannot be read or does not read MNIST) and 1 when
// the server cannot run (the address is taken).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vzorecky/backprop/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "serve:", err)
	}
	os.Exit(cli.ExitCode(err))
}

const usageText = `usage: serve -model FILE [-addr HOST:PORT]

Serves a digit pad: a page where you draw a digit and watch the network
of FILE (saved by "train -out FILE") answer as you draw, layer by layer.

Flags:
`

// The server's time limits: a drawing is small, and a slow or stalled
// client must not hold a connection.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 15 * time.Second
	idleTimeout       = 60 * time.Second
	shutdownTimeout   = 10 * time.Second
)

// run is the whole command: it serves until ctx is done, then shuts down.
// It says where it listens on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	model := flags.String("model", "", "the network to serve: a `file` saved by train -out (or network2.py's JSON)")
	addr := flags.String("addr", "127.0.0.1:8080", "the `address` to listen on; :8080 for every interface")
	if err := cli.Parse(flags, args, usageText, stderr); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return cli.Usagef("unexpected argument %q (flags only; see -h)", flags.Arg(0))
	}
	if *model == "" {
		return cli.Usagef("no -model: train one first, go run ./cmd/train -out m.json, then go run ./cmd/serve -model m.json")
	}
	network, err := cli.LoadModel(*model)
	if err != nil {
		return err
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newHandler(network),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "the digit pad for %v is at http://%s (Ctrl-C stops)\n", network.Sizes(), ln.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "serve: shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}
