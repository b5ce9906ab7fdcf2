package nn

import (
	"slices"
	"testing"

	"github.com/vzorecky/backprop/mat"
)

// indexMapper is a ZeroMapper whose map of row r has one group set, the
// one numbered indices[r], so that a map tells which samples it was made
// of; it counts its calls.
type indexMapper struct {
	Samples
	calls int
}

func (m *indexMapper) MapZeros(nz *mat.NonzeroGroups, indices []int) {
	m.calls++
	nz.Reset(len(indices), 8*64)
	for r, i := range indices {
		nz.Set(r, i)
	}
}

// mappedIndices returns the samples nz was made of by an indexMapper.
func mappedIndices(nz *mat.NonzeroGroups) []int {
	rows, cols := nz.Dims()
	indices := make([]int, rows)
	for r := range rows {
		for j := range (cols + 7) / 8 {
			if nz.Nonzero(r, j) {
				indices[r] = j
			}
		}
	}
	return indices
}

// TestBatchMapsMadeAheadOnlyForTheirSamples checks that a sharded step
// reads the map made ahead only when it is of the step's samples, and
// only once, and that making one ahead leaves the running step's map as
// it was.
func TestBatchMapsMadeAheadOnlyForTheirSamples(t *testing.T) {
	order := []int{5, 3, 9, 1, 7, 2, 8, 0, 6, 4}
	type call struct {
		ahead    bool // makeAhead(from, order[from:to]) rather than current
		from, to int
	}
	for _, tc := range []struct {
		name  string
		calls []call
		made  int // MapZeros calls in all
	}{
		{"none ahead", []call{{false, 0, 3}}, 1},
		{"the next step's, ahead", []call{{false, 0, 3}, {true, 3, 6}, {false, 3, 6}}, 2},
		{"a step each", []call{{false, 0, 3}, {true, 3, 6}, {false, 3, 6}, {true, 6, 9}, {false, 6, 9}, {false, 9, 10}}, 4},
		{"ahead for other samples", []call{{true, 3, 6}, {false, 6, 9}}, 2},
		{"ahead, read once", []call{{true, 3, 6}, {false, 3, 6}, {false, 3, 6}}, 2},
		{"a shorter last step", []call{{true, 9, 10}, {false, 9, 10}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mapper := &indexMapper{}
			b := newBatchMaps(mapper)
			var running *mat.NonzeroGroups
			var runningFrom, runningTo int
			for _, c := range tc.calls {
				if c.ahead {
					b.makeAhead(c.from, order[c.from:c.to])
				} else {
					running, runningFrom, runningTo = b.current(order, c.from, c.to), c.from, c.to
				}
				if running == nil {
					continue
				}
				if got, want := mappedIndices(running), order[runningFrom:runningTo]; !slices.Equal(got, want) {
					t.Fatalf("after %+v the step on [%d, %d) reads the map of samples %v, want %v", c, runningFrom, runningTo, got, want)
				}
			}
			if mapper.calls != tc.made {
				t.Errorf("%d maps made, want %d", mapper.calls, tc.made)
			}
		})
	}
}

// TestBatchMapsWithoutAMapper checks that samples that map no zeros give
// a step no map, ahead or not.
func TestBatchMapsWithoutAMapper(t *testing.T) {
	b := newBatchMaps(compact{})
	b.makeAhead(3, []int{1, 2, 3})
	if nz := b.current([]int{0, 1, 2, 3, 4, 5}, 3, 6); nz != nil {
		t.Errorf("a map from samples that make none: %v", nz)
	}
}
