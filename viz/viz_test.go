package viz_test

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/viz"
)

func TestFormatOf(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"curves.svg", "svg", true},
		{"out/curves.PNG", "png", true},
		{"a.b.png", "png", true},
		{"curves.pdf", "", false},
		{"curves", "", false},
		{"svg", "", false},
	} {
		got, err := viz.FormatOf(tc.path)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("FormatOf(%q) = %q, %v; want %q, ok %v", tc.path, got, err, tc.want, tc.ok)
		}
	}
}

func curves() *viz.LearningCurves {
	return &viz.LearningCurves{
		Title:      "[784 30 10], batch 10, η = 3",
		Costs:      []viz.Curve{{Name: "training cost", Values: []float64{0.1, 0.05, 0.04}}},
		Accuracies: []viz.Curve{{Name: "validation", Values: []float64{90, 92, 93}}, {Name: "test", Values: []float64{89, 92, 94}}},
	}
}

func TestLearningCurvesPNG(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    *viz.LearningCurves
	}{
		{"both panels", curves()},
		{"accuracies only", &viz.LearningCurves{Accuracies: curves().Accuracies}},
		{"one epoch", &viz.LearningCurves{Costs: []viz.Curve{{Name: "cost", Values: []float64{0.2}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.c.Write(&b, "png"); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := img.Bounds().Size(), image.Pt(770, 660); got != want {
				t.Errorf("size %v, want %v (7×6 inches at 110 dpi)", got, want)
			}
			if colours(img) < 3 {
				t.Error("the chart is (nearly) one colour: nothing was drawn")
			}
		})
	}
}

// colours counts the distinct colours of img, up to 100.
func colours(img image.Image) int {
	seen := map[color.Color]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(seen) < 100; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			seen[img.At(x, y)] = true
		}
	}
	return len(seen)
}

func TestLearningCurvesSVG(t *testing.T) {
	var b bytes.Buffer
	if err := curves().Write(&b, "svg"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.XMLName.Local != "svg" || doc.Width != "504pt" || doc.Height != "432pt" {
		t.Errorf("root <%s width=%q height=%q>, want <svg width=\"504pt\" height=\"432pt\">", doc.XMLName.Local, doc.Width, doc.Height)
	}
	for _, s := range []string{"training cost", "validation", "test", "epoch", "accuracy (%)", "η = 3"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("the SVG does not contain %q", s)
		}
	}
}

func TestLearningCurvesErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		c      *viz.LearningCurves
		format string
		want   string
	}{
		{"no curves", &viz.LearningCurves{Title: "x"}, "png", "no curves"},
		{"no values", &viz.LearningCurves{Costs: []viz.Curve{{Name: "cost"}}}, "svg", "no values"},
		{"format", curves(), "pdf", `format "pdf"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := tc.c.Write(&b, tc.format)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "viz: ") {
				t.Errorf("got %v, want an error starting viz: and containing %q", err, tc.want)
			}
		})
	}
}

// TestGridLayout checks the layout worked out by hand for 23 black 28×28
// pictures, 10 to a row, 3 times larger: cells 84 wide (the caption takes
// 70), the grid 8 + 10·(84 + 8) = 928 wide and 28 + 3·(84 + 16 + 8) + 4
// = 356 tall, each picture black from its cell's corner and its caption
// in ink under it.
func TestGridLayout(t *testing.T) {
	black := image.NewGray(image.Rect(0, 0, 28, 28))
	cells := make([]viz.Cell, 23)
	for i := range cells {
		cells[i] = viz.Cell{Image: black, Caption: "7 as 2 .98"}
	}
	img := viz.Grid{Title: "mistakes"}.Draw(cells)
	if got, want := img.Bounds(), image.Rect(0, 0, 928, 356); got != want {
		t.Fatalf("bounds %v, want %v", got, want)
	}
	dark := func(x, y int) bool { r, _, _, _ := img.At(x, y).RGBA(); return r < 0x8000 }
	for _, cell := range []int{0, 9, 10, 22} {
		x, y := 8+(cell%10)*92, 28+(cell/10)*108
		if !dark(x, y) || !dark(x+83, y+83) || dark(x+84, y) || dark(x-1, y) {
			t.Errorf("cell %d: the picture is not at (%d, %d)–(%d, %d)", cell, x, y, x+84, y+84)
		}
		var ink int
		for cy := y + 84; cy < y+100; cy++ {
			for cx := x; cx < x+84; cx++ {
				if dark(cx, cy) {
					ink++
				}
			}
		}
		if ink < 20 {
			t.Errorf("cell %d: %d dark pixels in the caption, want a caption", cell, ink)
		}
	}
	if dark(8+3*92+40, 28+2*108+40) {
		t.Error("the grid's 24th cell, which has no picture, is not white")
	}
}

func TestGridDefaultsAndTitleWidth(t *testing.T) {
	img := viz.Grid{Title: strings.Repeat("x", 50)}.Draw([]viz.Cell{{Image: image.NewGray(image.Rect(0, 0, 10, 5))}})
	// One cell of 30×15 (scale 3); the title of 50 × 7 pixels sets the width.
	if got, want := img.Bounds(), image.Rect(0, 0, 8+350+8, 28+15+16+8+4); got != want {
		t.Errorf("bounds %v, want %v", got, want)
	}
}
