package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws a bar of the current epoch on a terminal: images done,
// rate and time left. It draws nothing when the output is not a terminal
// (a log file or a pipe gets only the per-epoch lines) or when asked to be
// quiet.
type progress struct {
	out     io.Writer
	bar     *progressbar.ProgressBar
	step    int // images between redraws, so that the training loop rarely calls in
	shownAt int
}

func newProgress(out io.Writer, quiet bool) *progress {
	f, ok := out.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{out: out}
}

func (p *progress) start(epoch, total int) {
	if p.out == nil {
		return
	}
	p.step, p.shownAt = max(total/200, 1), 0
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.out),
		progressbar.OptionSetDescription(fmt.Sprintf("epoch %d", epoch)),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("img"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// update is the nn.Settings.Progress callback.
func (p *progress) update(done, total int) {
	if p.bar == nil || (done-p.shownAt < p.step && done < total) {
		return
	}
	p.shownAt = done
	p.bar.Set(done)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Clear()
		p.bar = nil
	}
}
