package sketch_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/vzorecky/backprop/internal/sketch"
)

func TestPlaceMapsTheUnitSquareToTheBox(t *testing.T) {
	s := sketch.Style{Box: image.Rect(10, 20, 60, 120), Slant: 0.1}
	got := s.Place([][]sketch.Point{{{0, 0}, {1, 1}, {0.5, 0.5}}})[0]
	// The top shifts right by Slant × height = 10 pixels, the bottom not.
	want := []sketch.Point{{20, 20}, {60, 120}, {40, 70}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d at %v, want %v", i, got[i], want[i])
		}
	}
}

func TestDrawInksOnlyAroundTheStrokes(t *testing.T) {
	for d := range 10 {
		s := sketch.Style{Canvas: image.Pt(100, 120), Box: image.Rect(30, 20, 70, 100), Pen: 6, Wobble: 2, Seed: uint64(d)}
		img := s.Draw(s.Place(sketch.Digit(d)))
		inked := image.Rectangle{}
		var n int
		for y := range 120 {
			for x := range 100 {
				if g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y; g < 128 {
					inked = inked.Union(image.Rect(x, y, x+1, y+1))
					n++
				}
			}
		}
		// The pen (radius 3) and the wobble (2, and a quarter of it per point) reach past the box.
		if !inked.In(image.Rect(30-6, 20-6, 70+6, 100+6)) || n < 150 {
			t.Errorf("digit %d: %d dark pixels within %v, want at least 150 within the box and the pen's reach", d, n, inked)
		}
	}
}

func TestDigitPanicsForNonDigits(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("Digit(10) did not panic")
		}
	}()
	sketch.Digit(10)
}
