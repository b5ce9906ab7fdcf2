package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPictures trains briefly with -plot and -errors, in both chart
// formats, and checks that the files are images of the expected size
// and that the confusion matrix adds up: every test image counted once,
// its diagonal the final accuracy's count.
func TestPictures(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	for _, chart := range []string{"curves.svg", "curves.png"} {
		t.Run(chart, func(t *testing.T) {
			dir := t.TempDir()
			plot, errs := filepath.Join(dir, chart), filepath.Join(dir, "errors.png")
			stdout, stderr, err := runCmd(t, "-train-n", "1000", "-epochs", "2", "-quiet", "-plot", plot, "-errors", errs)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			checkConfusion(t, stdout)
			checkChart(t, plot)
			f, err := os.Open(errs)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("-errors: %v", err)
			}
			// 50 mistakes, ten to a row, 84 pixels wide and 108 tall each.
			if got, want := img.Bounds().Size(), image.Pt(928, 28+5*108+4); got != want {
				t.Errorf("-errors: %v, want %v", got, want)
			}
			if !strings.Contains(stdout, "50 mistakes drawn to "+errs) {
				t.Errorf("stdout does not say where the mistakes went:\n%s", stdout)
			}
		})
	}
}

// checkConfusion reads the confusion matrix and the final test accuracy
// that the trainer printed.
func checkConfusion(t *testing.T, stdout string) {
	t.Helper()
	m := regexp.MustCompile(`final (\d+\.\d\d)%`).FindStringSubmatch(stdout)
	rows := regexp.MustCompile(`(?m)^([0-9])((?:\s+\d+){10})\s+[\d.]+%$`).FindAllStringSubmatch(stdout, -1)
	if m == nil || len(rows) != 10 {
		t.Fatalf("no final accuracy or not 10 rows of a confusion matrix in\n%s", stdout)
	}
	var total, diagonal int
	for i, r := range rows {
		for j, f := range strings.Fields(r[2]) {
			n, _ := strconv.Atoi(f)
			total += n
			if i == j {
				diagonal += n
			}
		}
	}
	if total != 10000 {
		t.Errorf("the confusion matrix counts %d images, want the 10000 test images", total)
	}
	if got := strconv.FormatFloat(float64(diagonal)/100, 'f', 2, 64); got != m[1] {
		t.Errorf("diagonal %d (%s%%), but the final accuracy is %s%%", diagonal, got, m[1])
	}
}

func checkChart(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".png") {
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("-plot: %v", err)
		}
		if got, want := img.Bounds().Size(), image.Pt(770, 660); got != want {
			t.Errorf("-plot: %v, want %v", got, want)
		}
		return
	}
	var svg struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
	}
	if err := xml.Unmarshal(data, &svg); err != nil || svg.XMLName.Local != "svg" || svg.Width != "504pt" {
		t.Errorf("-plot: not an SVG 504pt wide: %v, <%s width=%q>", err, svg.XMLName.Local, svg.Width)
	}
	for _, s := range []string{"[784 30 10] on 1000 MNIST images: batch 10, η = 3, seed 1", "validation", "test", "training cost"} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("-plot: the chart does not say %q", s)
		}
	}
}

// TestEvalPrintsConfusionAndErrors evaluates a saved model with -errors.
func TestEvalPrintsConfusionAndErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	dir := t.TempDir()
	model, errs := filepath.Join(dir, "m.json"), filepath.Join(dir, "e.png")
	if _, stderr, err := runCmd(t, "-train-n", "1000", "-epochs", "1", "-quiet", "-out", model); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	stdout, stderr, err := runCmd(t, "-load", model, "-eval", "-errors", errs)
	if err != nil {
		t.Fatalf("run -eval: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "confusion matrix of the 10000 test images") {
		t.Errorf("-eval printed no confusion matrix:\n%s", stdout)
	}
	if _, err := os.Stat(errs); err != nil {
		t.Errorf("-eval -errors: %v", err)
	}
}

// TestPlotFailureDoesNotStopTraining makes -plot's folder vanish after the
// check: training goes on and saves its model, and stderr says why the
// chart is missing.
func TestPlotFailureDoesNotStopTraining(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone")
	if err := os.Mkdir(gone, 0o755); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "m.json")
	testHookStartup = func(ctx context.Context) { os.Remove(gone) }
	defer func() { testHookStartup = nil }()
	stdout, stderr, err := runCmd(t, "-train-n", "500", "-epochs", "2", "-quiet", "-plot", filepath.Join(gone, "c.svg"), "-out", model)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "model saved to") || strings.Count(stderr, "(training goes on)") != 2 {
		t.Errorf("stdout:\n%s\nstderr:\n%s\nwant the model saved and two lines about the chart", stdout, stderr)
	}
}
