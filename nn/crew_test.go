package nn

import (
	"runtime"
	"testing"
	"time"
)

// A crew runs every phase on every part, in the order run asks for them,
// each part seeing what the caller wrote before run and the caller seeing
// what the parts wrote: with helpers that spin, and with helpers that
// have slept for want of work. Each part idles once after each phase it
// runs, before the next; part 0 before run returns.
func TestCrewRunsEveryPart(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, helpers := range []int{1, 2, 3} {
		var input int
		out := make([][2]int, helpers+1)
		ran, idled := make([]int, helpers+1), make([]int, helpers+1)
		lastPhase := make([]int, helpers+1)
		checkIdled := func(part int) {
			if idled[part] != ran[part] {
				t.Errorf("%d helpers: part %d starts its phase %d having idled after %d", helpers, part, ran[part]+1, idled[part])
			}
			ran[part]++
		}
		c := newCrew(helpers,
			func(part, phase int) {
				if phase != lastPhase[part] {
					t.Errorf("%d helpers: part %d idles after phase %d, ran phase %d", helpers, part, phase, lastPhase[part])
				}
				idled[part]++
			},
			func(part int) { checkIdled(part); lastPhase[part] = 0; out[part][0] = input + part },
			func(part int) { checkIdled(part); lastPhase[part] = 1; out[part][1] = out[part][0] * 2 },
		)
		for round := range 120 {
			if round%40 == 39 {
				time.Sleep(2 * crewSpin) // the helpers park
			}
			input = round * 10
			c.run(0)
			for part := range out {
				if out[part][0] != input+part {
					t.Fatalf("%d helpers, round %d: part %d wrote %d in phase 0, want %d", helpers, round, part, out[part][0], input+part)
				}
			}
			if round%3 == 0 {
				continue // phase 0 twice in a row
			}
			c.run(1)
			for part := range out {
				if out[part][1] != 2*(input+part) {
					t.Fatalf("%d helpers, round %d: part %d wrote %d in phase 1", helpers, round, part, out[part][1])
				}
			}
		}
		c.stop()
		if idled[0] != ran[0] {
			t.Errorf("%d helpers: part 0 ran %d phases and idled after %d", helpers, ran[0], idled[0])
		}
		for part := 1; part <= helpers; part++ {
			if idled[part] != ran[part] || ran[part] != ran[0] {
				t.Errorf("%d helpers: part %d ran %d phases (part 0 %d) and idled after %d", helpers, part, ran[part], ran[0], idled[part])
			}
		}
	}
}

// BenchmarkCrewHandOver measures phases that do nothing: the cost of
// starting one on a helper and seeing it end.
func BenchmarkCrewHandOver(b *testing.B) {
	c := newCrew(1, nil, func(int) {}, func(int) {})
	defer c.stop()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.run(i % 2)
	}
}
