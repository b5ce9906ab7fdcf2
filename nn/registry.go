package nn

import (
	"maps"
	"slices"
)

// registry maps names to the activations or costs that model files and
// programs may name. Each type registers itself, in its own file, from an
// init function; the registries are only read after that.
type registry[T interface{ Name() string }] map[string]T

func (r registry[T]) add(v T) { r[v.Name()] = v }

// sortedNames lists the names, sorted.
func (r registry[T]) sortedNames() []string { return slices.Sorted(maps.Keys(r)) }
