package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGeneratedFileIsCurrent fails when the checked-in assembly files and
// the generator disagree: run go generate ./mat after changing either.
func TestGeneratedFileIsCurrent(t *testing.T) {
	for name, want := range files() {
		have, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, want) {
			t.Errorf("mat/%s is not what the generator writes; run go generate ./mat", name)
		}
	}
}
