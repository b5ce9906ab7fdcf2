package nn

import (
	"runtime"
	"testing"
	"time"
)

// A crew runs every phase on every part, in the order run asks for them,
// each part seeing what the caller wrote before run and the caller seeing
// what the parts wrote: with helpers that spin, and with helpers that
// have slept for want of work.
func TestCrewRunsEveryPart(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, helpers := range []int{1, 2, 3} {
		var input int
		out := make([][2]int, helpers+1)
		c := newCrew(helpers,
			func(part int) { out[part][0] = input + part },
			func(part int) { out[part][1] = out[part][0] * 2 },
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
	}
}

// BenchmarkCrewHandOver measures phases that do nothing: the cost of
// starting one on a helper and seeing it end.
func BenchmarkCrewHandOver(b *testing.B) {
	c := newCrew(1, func(int) {}, func(int) {})
	defer c.stop()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.run(i % 2)
	}
}
