package nn

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// A crew is the goroutines that work beside the training goroutine in a
// sharded step (sharded.go). They live as long as one Train call. A phase
// of a step lasts a few microseconds at batch 10, less than waking a
// sleeping goroutine takes, so a helper waits for the next phase by
// spinning on an atomic counter; after crewSpin with nothing to do
// (the evaluation between epochs) it sleeps on a channel until woken.
type crew struct {
	phases  []func(part int)      // a step's phases, run on every part
	idle    func(part, phase int) // what a part does after a phase, or nil
	phase   int                   // the phase being run, set before gen moves
	gen     atomic.Uint64         // moves on when a phase starts, and at stop
	left    atomic.Int64          // helpers still running the current phase
	stopped atomic.Bool
	helpers []helper
	exited  sync.WaitGroup
}

// A helper is one goroutine of a crew; parked is set while it may sleep
// on wake.
type helper struct {
	parked atomic.Bool
	wake   chan struct{}
}

// crewSpin is how long a helper looks for work before it sleeps: longer
// than a step's phases are apart, even at batch 100 and on a busy machine.
const crewSpin = time.Millisecond

// newCrew starts n helpers, parts 1 to n of every phase; the caller of
// run is part 0. idle, if not nil, is what a part does when its part of a
// phase is done and counted, before it would wait: part 0 before it waits
// for the helpers, a helper before it waits for the next phase. Nothing
// waits for idle work, but a helper starts the next phase only after it.
func newCrew(n int, idle func(part, phase int), phases ...func(part int)) *crew {
	c := &crew{phases: phases, idle: idle, helpers: make([]helper, n)}
	c.exited.Add(n)
	for i := range c.helpers {
		c.helpers[i].wake = make(chan struct{}, 1)
		go c.help(i + 1)
	}
	return c
}

// run runs phase p on every part, part 0 on the caller, and returns when
// all are done. Whatever the caller wrote before run is visible to the
// helpers, and whatever they wrote is visible to it after.
func (c *crew) run(p int) {
	c.phase = p
	c.left.Store(int64(len(c.helpers)))
	c.start()
	c.phases[p](0)
	if c.idle != nil {
		c.idle(0, p)
	}
	for i := 0; c.left.Load() > 0; i++ {
		if i%1024 == 1023 {
			// A helper the system has descheduled needs a core back.
			runtime.Gosched()
		}
	}
}

// stop ends the helpers and waits for them to exit.
func (c *crew) stop() {
	c.stopped.Store(true)
	c.start()
	c.exited.Wait()
}

// start moves gen on and wakes the helpers that sleep.
func (c *crew) start() {
	c.gen.Add(1)
	for i := range c.helpers {
		if h := &c.helpers[i]; h.parked.CompareAndSwap(true, false) {
			h.wake <- struct{}{}
		}
	}
}

// help is helper part's loop.
func (c *crew) help(part int) {
	defer c.exited.Done()
	h := &c.helpers[part-1]
	var seen uint64
	for {
		seen = c.await(h, seen)
		if c.stopped.Load() {
			return
		}
		phase := c.phase
		c.phases[phase](part)
		c.left.Add(-1)
		if c.idle != nil {
			c.idle(part, phase)
		}
	}
}

// await returns gen once it differs from seen: spinning first, then
// asleep. A helper that has set parked either clears it itself or, if
// start cleared it first, takes the token start sends.
func (c *crew) await(h *helper, seen uint64) uint64 {
	for start, i := time.Now(), 0; i%256 != 255 || time.Since(start) < crewSpin; i++ {
		if g := c.gen.Load(); g != seen {
			return g
		}
	}
	for {
		h.parked.Store(true)
		if g := c.gen.Load(); g != seen {
			if !h.parked.CompareAndSwap(true, false) {
				<-h.wake
			}
			return g
		}
		<-h.wake
	}
}
