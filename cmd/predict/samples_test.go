package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/vzorecky/backprop/internal/sketch"
	"github.com/vzorecky/backprop/mnist"
)

var update = flag.Bool("update", false, "rewrite the golden files and the drawn digits in testdata/")

// sample is one of the committed hand-drawn digits: drawn as a hand with a
// pen would (package sketch), on paper of many sizes, off-centre, slanted,
// in three formats, thick and thin, and one in chalk on a board.
type sample struct {
	name  string
	digit int
	style sketch.Style
}

func samples() []sample {
	var out []sample
	for d := range 10 {
		pen := sketch.Style{Canvas: image.Pt(160, 200), Box: image.Rect(40, 30, 115, 170), Pen: 12, Slant: 0.08, Wobble: 3, Seed: uint64(d)}
		out = append(out, sample{fmt.Sprintf("pen-%d.png", d), d, pen})

		ballpoint := sketch.Style{
			Canvas: image.Pt(1200, 1600), Box: image.Rect(300+20*d, 350, 700+20*d, 1150), Pen: 6, Slant: 0.05, Wobble: 8, Seed: uint64(200 + d),
			Ink: color.RGBA{50, 50, 70, 255}, Paper: color.RGBA{250, 250, 248, 255},
		}
		out = append(out, sample{fmt.Sprintf("ballpoint-%d.png", d), d, ballpoint})

		x := 120 + 45*d
		marker := sketch.Style{
			Canvas: image.Pt(800, 600), Box: image.Rect(x, 110, x+200, 470), Pen: 38, Slant: -0.06, Wobble: 12, Seed: uint64(100 + d),
			Ink: color.RGBA{20, 30, 110, 255}, Paper: color.RGBA{246, 240, 222, 255},
		}
		ext := map[int]string{7: "jpg", 8: "jpg", 9: "gif"}[d]
		if ext == "" {
			ext = "png"
		}
		if d == 3 {
			marker.Ink, marker.Paper = color.RGBA{235, 235, 225, 255}, color.RGBA{30, 60, 45, 255}
			out = append(out, sample{fmt.Sprintf("chalk-%d.%s", d, ext), d, marker})
			continue
		}
		out = append(out, sample{fmt.Sprintf("marker-%d.%s", d, ext), d, marker})
	}
	return out
}

// encode writes img in the format its name ends with.
func encode(name string, img image.Image) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch filepath.Ext(name) {
	case ".png":
		err = png.Encode(&b, img)
	case ".jpg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 85})
	case ".gif":
		err = gif.Encode(&b, img, nil)
	default:
		err = fmt.Errorf("no encoder for %s", name)
	}
	return b.Bytes(), err
}

// TestSamplesAreDrawnBySketch redraws the hand-drawn digits and checks
// that the committed files show the same pixels (JPEG within its loss);
// -update rewrites them.
func TestSamplesAreDrawnBySketch(t *testing.T) {
	dir := filepath.Join("testdata", "digits")
	for _, s := range samples() {
		img := s.style.Draw(s.style.Place(sketch.Digit(s.digit)))
		path := filepath.Join(dir, s.name)
		if *update {
			data, err := encode(s.name, img)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		committed, err := mnist.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		tol := map[string]int{".png": 0, ".gif": 64, ".jpg": 60}[filepath.Ext(s.name)] // GIF: a 256-colour palette
		if d := maxDiff(img, committed); d > tol {
			t.Errorf("%s: differs from its drawing by %d grey levels, more than %d (go test -update redraws it)", path, d, tol)
		}
	}
}

// maxDiff returns the largest difference between the grey levels of two
// images of the same size, 0 to 255, or 256 if the sizes differ.
func maxDiff(a, b image.Image) int {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 256
	}
	var worst int
	for y := range a.Bounds().Dy() {
		for x := range a.Bounds().Dx() {
			ga := color.GrayModel.Convert(a.At(a.Bounds().Min.X+x, a.Bounds().Min.Y+y)).(color.Gray).Y
			gb := color.GrayModel.Convert(b.At(b.Bounds().Min.X+x, b.Bounds().Min.Y+y)).(color.Gray).Y
			worst = max(worst, max(int(ga)-int(gb), int(gb)-int(ga)))
		}
	}
	return worst
}
