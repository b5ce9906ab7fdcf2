package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGeneratedFileIsCurrent fails when the checked-in assembly and the
// generator disagree: run go generate ./mat after changing either.
func TestGeneratedFileIsCurrent(t *testing.T) {
	have, err := os.ReadFile("../../tuned_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, generate()) {
		t.Error("mat/tuned_amd64.s is not what the generator writes; run go generate ./mat")
	}
}
