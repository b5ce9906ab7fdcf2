//go:build unix

package main

import (
	"os/signal"
	"syscall"
)

// ignoreBrokenPipes keeps a closed standard output (train | head -2) from
// killing the run with SIGPIPE: writes to it fail instead, and training
// and saving go on.
func ignoreBrokenPipes() { signal.Ignore(syscall.SIGPIPE) }
