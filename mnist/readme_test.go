package mnist_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The repository's Markdown files: what its readers see.
var markdownFiles = []string{"../README.md", "../ARCHITECTURE.md", "../benchmarks/README.md", "data/README.md"}

// TestREADMESnippetsCompile checks that every Go snippet of the README
// stands, as written, in readme_example_test.go or another
// readme_*example_test.go, whose examples go test compiles: an import
// block as it is, code indented into a function.
func TestREADMESnippetsCompile(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("readme_*example_test.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no readme_*example_test.go files (%v)", err)
	}
	var examples []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		examples = append(examples, data...)
	}
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) < 2 {
		t.Fatalf("%d Go snippets in the README, want at least 2", len(blocks))
	}
	for i, b := range blocks {
		code := string(b[1])
		if strings.HasPrefix(code, "import (") {
			end := strings.Index(code, "\n)\n") + 3
			if !strings.Contains(string(examples), code[:end]) {
				t.Errorf("snippet %d: its imports are not those of a readme_*example_test.go", i+1)
			}
			code = strings.TrimLeft(code[end:], "\n")
		}
		indented := regexp.MustCompile(`(?m)^(.)`).ReplaceAllString(code, "\t$1")
		if !strings.Contains(string(examples), indented) {
			t.Errorf("snippet %d is not in a readme_*example_test.go as written:\n%s", i+1, code)
		}
	}
}

// TestMarkdownLinksStayInTheRepository checks that every relative link of
// the Markdown files leads to a file of the repository.
func TestMarkdownLinksStayInTheRepository(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`\]\(([^)#\s]+)(#[^)]*)?\)`)
	for _, file := range markdownFiles {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(text), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path, err := filepath.Abs(filepath.Join(filepath.Dir(file), target))
			if err != nil {
				t.Fatal(err)
			}
			if rel, err := filepath.Rel(root, path); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links to %s, outside the repository", file, target)
				continue
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s links to %s, which does not exist", file, target)
			}
		}
	}
}
