// Package golden compares a command's output with a golden file in
// testdata/, as the commands' tests do; their -update flag rewrites it.
package golden

import (
	"os"
	"testing"
)

// Check fails t unless got is the content of the file at path. With
// update, it first writes got there.
func Check(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
