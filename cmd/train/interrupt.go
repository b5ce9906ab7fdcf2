package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interrupts turns the first SIGINT or SIGTERM into a cancelled context:
// training stops at the end of its mini-batch and the run saves what it
// has. A second one ends the program at once, but never in the middle of
// a save, which would leave a temporary file behind: it waits for the save
// to finish.
type interrupts struct {
	saving sync.Mutex
	sigs   chan os.Signal
	done   chan struct{}
	cancel context.CancelFunc
	exit   func(code int) // os.Exit; tests replace it
}

// watchInterrupts starts watching for the signals; stop ends it.
func watchInterrupts(stderr io.Writer) (context.Context, *interrupts) {
	ctx, cancel := context.WithCancel(context.Background())
	in := &interrupts{sigs: make(chan os.Signal, 2), done: make(chan struct{}), cancel: cancel, exit: os.Exit}
	signal.Notify(in.sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-in.sigs:
			cancel()
		case <-in.done:
			return
		}
		select {
		case <-in.sigs:
		case <-in.done:
			return
		}
		in.saving.Lock() // a save in progress finishes first
		fmt.Fprintln(stderr, "train: interrupted again: exiting now")
		in.exit(130)
	}()
	return ctx, in
}

func (in *interrupts) stop() {
	signal.Stop(in.sigs)
	close(in.done)
	in.cancel()
}

// save runs save so that a second interrupt cannot cut it short.
func (in *interrupts) save(save func() error) error {
	in.saving.Lock()
	defer in.saving.Unlock()
	return save()
}

// testHookStartup, if set by a test, runs when the run has started and
// before it loads anything.
var testHookStartup func(context.Context)
