package mnist_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/internal/sketch"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// bar returns a w×h canvas of paper with a rectangle of ink.
func bar(w, h int, ink image.Rectangle, paper, inkColour color.Color) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := paper
			if image.Pt(x, y).In(ink) {
				c = inkColour
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// grainy adds to the paper of img, outside ink, the grain of a photograph:
// normal noise of 3 % of the grey range, and specks as dark as ink.
func grainy(img *image.NRGBA, ink image.Rectangle) *image.NRGBA {
	rng := rand.New(rand.NewPCG(3, 4))
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if image.Pt(x, y).In(ink) {
				continue
			}
			g := float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y) + 255*0.03*rng.NormFloat64()
			if rng.IntN(5000) == 0 {
				g = 0
			}
			v := uint8(min(max(g, 0), 255))
			img.Set(x, y, color.Gray{Y: v})
		}
	}
	return img
}

// TestPreprocessBar works out by hand where an off-centre bar, 10 wide and
// 100 tall, ends up: scaled by 20/100 to 2×20, a mass of 40, its centre of
// mass at pixel indices (0.5, 9.5) moved to (14, 14), by 13.5 and 4.5
// rounded half away from zero, so columns 14–15 and rows 5–24 are ink.
// Dark on light, light on dark and dark on a transparent canvas all give
// the same row.
func TestPreprocessBar(t *testing.T) {
	ink := image.Rect(40, 20, 50, 120)
	transparent := color.NRGBA{}
	for _, tc := range []struct {
		name string
		img  image.Image
	}{
		{"black on white", bar(300, 200, ink, color.White, color.Black)},
		{"white on black", bar(300, 200, ink, color.Black, color.White)},
		{"blue on light grey", bar(300, 200, ink, color.Gray{Y: 220}, color.NRGBA{B: 160, A: 255})},
		{"black on transparent", bar(300, 200, ink, transparent, color.Black)},
		{"offset bounds", bar(300, 200, ink, color.White, color.Black).SubImage(image.Rect(30, 10, 290, 190))},
		{"black on grainy paper", grainy(bar(300, 200, ink, color.Gray{Y: 230}, color.Black), ink)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			row, err := mnist.Preprocess(tc.img)
			if err != nil {
				t.Fatal(err)
			}
			var mass float64
			for y := range 28 {
				for x := range 28 {
					v := row[y*28+x]
					mass += v
					want := 0.0
					if x >= 14 && x <= 15 && y >= 5 && y <= 24 {
						want = 1
					}
					if math.Abs(v-want) > 1e-4 {
						t.Errorf("pixel (%d, %d) = %v, want %v", x, y, v, want)
					}
				}
			}
			if math.Abs(mass-40) > 1e-3 {
				t.Errorf("mass %v, want 40", mass)
			}
		})
	}
}

// TestPreprocessIgnoresPlaceAndSize draws each digit and moves it: the
// same pixels elsewhere on a larger canvas give the same row. On a canvas
// four times larger,
// the digit has the same mass to 10 % (the pen's anti-aliased edges and
// crossings are sampled differently), its centre of mass within half a
// pixel of (14, 14) and its height 20 pixels, as at the smaller size.
func TestPreprocessIgnoresPlaceAndSize(t *testing.T) {
	for d := range 10 {
		style := sketch.Style{Canvas: image.Pt(120, 150), Box: image.Rect(20, 20, 70, 110), Pen: 9, Slant: 0.1}
		base := preprocess(t, style.Draw(style.Place(sketch.Digit(d))))

		drawn := style.Draw(style.Place(sketch.Digit(d)))
		moved := image.NewRGBA(image.Rect(0, 0, 400, 300))
		draw.Draw(moved, moved.Bounds(), image.White, image.Point{}, draw.Src)
		draw.Draw(moved, drawn.Bounds().Add(image.Pt(237, 123)), drawn, image.Point{}, draw.Src)
		if got := preprocess(t, moved); !equal(got, base, 0) {
			t.Errorf("digit %d moved by (237, 123) on a larger canvas: the row changed", d)
		}

		big := sketch.Style{Canvas: style.Canvas.Mul(4), Box: image.Rectangle{Min: style.Box.Min.Mul(4), Max: style.Box.Max.Mul(4)}, Pen: 36, Slant: 0.1}
		for _, row := range [][]float64{base, preprocess(t, big.Draw(big.Place(sketch.Digit(d))))} {
			mass, cx, cy, height := shape(row)
			if math.Abs(cx-14) > 0.5 || math.Abs(cy-14) > 0.5 || height != 20 {
				t.Errorf("digit %d: centre of mass (%.2f, %.2f), height %d; want (14, 14) ± 0.5 and 20", d, cx, cy, height)
			}
			if base, _, _, _ := shape(base); math.Abs(mass-base)/base > 0.1 {
				t.Errorf("digit %d four times larger: mass %.1f, at the smaller size %.1f", d, mass, base)
			}
		}
	}
}

// shape returns a row's mass, centre of mass in pixel indices and height
// in rows with ink.
func shape(row []float64) (mass, cx, cy float64, height int) {
	top, bottom := 28, -1
	for y := range 28 {
		for x := range 28 {
			v := row[y*28+x]
			mass += v
			cx += v * float64(x)
			cy += v * float64(y)
			if v > 0 {
				top, bottom = min(top, y), max(bottom, y)
			}
		}
	}
	return mass, cx / mass, cy / mass, bottom - top + 1
}

// TestPreprocessThinStrokes draws digits with a 6-pixel pen on a page of
// 1200×1600, shrunk 40 times: their strokes still reach full ink, in a
// line of at least 20 pixels, as MNIST's do.
func TestPreprocessThinStrokes(t *testing.T) {
	for d := range 10 {
		s := sketch.Style{Canvas: image.Pt(1200, 1600), Box: image.Rect(400, 400, 800, 1200), Pen: 6}
		row := preprocess(t, s.Draw(s.Place(sketch.Digit(d))))
		var inked int
		for _, v := range row {
			if v > 0.3 {
				inked++
			}
		}
		if slices.Max(row) != 1 || inked < 20 {
			t.Errorf("digit %d: strongest pixel %.3f, %d pixels above 0.3; want 1 and at least 20", d, slices.Max(row), inked)
		}
	}
}

func preprocess(t *testing.T, img image.Image) []float64 {
	t.Helper()
	row, err := mnist.Preprocess(img)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func equal(a, b []float64, tol float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return len(a) == len(b)
}

func TestPreprocessBlank(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noisy := image.NewGray(image.Rect(0, 0, 50, 50))
	for i := range noisy.Pix {
		noisy.Pix[i] = uint8(240 + rng.IntN(10)) // paper grain, 4 % at most
	}
	for _, tc := range []struct {
		name string
		img  image.Image
	}{
		{"white", bar(40, 40, image.Rectangle{}, color.White, color.Black)},
		{"black", bar(40, 40, image.Rectangle{}, color.Black, color.White)},
		{"grey", bar(40, 40, image.Rectangle{}, color.Gray{Y: 128}, color.Black)},
		{"transparent", image.NewNRGBA(image.Rect(0, 0, 30, 30))},
		{"paper grain", noisy},
		{"one pixel", bar(1, 1, image.Rectangle{}, color.White, color.Black)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := mnist.Preprocess(tc.img); !errors.Is(err, mnist.ErrBlank) {
				t.Errorf("got %v, want ErrBlank", err)
			}
		})
	}
	if _, err := mnist.Preprocess(image.NewGray(image.Rectangle{})); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("0×0 image: got %v, want an error saying it is empty", err)
	}
}

// TestDecodeBrokenFiles checks each broken file of testdata/images.
func TestDecodeBrokenFiles(t *testing.T) {
	for _, tc := range []struct {
		file, want string
		blank      bool // decodes, but Preprocess finds no ink
	}{
		{file: "not-an-image.txt", want: "not a PNG, JPEG or GIF image"},
		{file: "empty.png", want: "not a PNG, JPEG or GIF image"},
		{file: "truncated.png", want: "png image"},
		{file: "huge.gif", want: "gif image of 20000×20000 pixels: more than 25 million"},
		{file: "white.png", blank: true},
		{file: "grey.jpg", blank: true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "images", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := mnist.Decode(f)
			if tc.blank {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if _, err := mnist.Preprocess(img); !errors.Is(err, mnist.ErrBlank) {
					t.Errorf("Preprocess: %v, want ErrBlank", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Decode: %v, want an error containing %q", err, tc.want)
			}
			if tooLarge := tc.file == "huge.gif"; errors.Is(err, mnist.ErrTooLarge) != tooLarge {
				t.Errorf("Decode: errors.Is(%v, ErrTooLarge) = %t, want %t", err, !tooLarge, tooLarge)
			}
		})
	}
}

func TestDecodeRefusesLargeFiles(t *testing.T) {
	big := bytes.NewReader(make([]byte, mnist.MaxImageBytes+1))
	if _, err := mnist.Decode(big); err == nil || !strings.Contains(err.Error(), "larger than 32 MB") || !errors.Is(err, mnist.ErrTooLarge) {
		t.Errorf("got %v, want an error saying the file is too large", err)
	}
	small := mnist.Limits{Bytes: 1 << 20, Pixels: 16e6}
	if _, err := small.Decode(bytes.NewReader(make([]byte, 1<<20+1))); err == nil || !strings.Contains(err.Error(), "larger than 1 MB") || !errors.Is(err, mnist.ErrTooLarge) {
		t.Errorf("Limits of 1 MB: got %v, want an error saying the file is too large", err)
	}
}

// TestPreprocessMNISTRoundTrip writes test images out as PNG, as MNIST
// stores them and inverted as on paper, reads them back through Decode
// and Preprocess, and checks that a trained network classifies each as it
// classifies the original row.
func TestPreprocessMNISTRoundTrip(t *testing.T) {
	data, err := mnist.Load()
	if err != nil {
		t.Fatal(err)
	}
	net := trainedNetwork(t, data)
	test := data.Test.Dataset()
	const images = 200
	var moved int
	for i := range images {
		original := data.Test.Image(i)
		for _, img := range []*image.Gray{original, inverted(original)} {
			var b bytes.Buffer
			if err := png.Encode(&b, img); err != nil {
				t.Fatal(err)
			}
			read, err := mnist.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			row := preprocess(t, read)
			want, got := classify(t, net, test.X.RawRowView(i)), classify(t, net, row)
			if got != want {
				t.Errorf("test image %d: classified %d after the round trip, %d before", i, got, want)
			}
			if !equal(row, test.X.RawRowView(i), 1e-9) {
				moved++
			}
		}
	}
	// MNIST's digits fill 20×20 at most; re-fitting those that fill less
	// scales them up a little, the rest come back as they were.
	t.Logf("%d of %d round trips changed the row", moved, 2*images)
}

func inverted(img *image.Gray) *image.Gray {
	out := image.NewGray(img.Rect)
	for i, v := range img.Pix {
		out.Pix[i] = 255 - v
	}
	return out
}

func classify(t *testing.T, net *nn.Network, row []float64) int {
	t.Helper()
	out := mat.NewVecDense(mnist.Classes, nil)
	if err := net.FeedForward(out, mat.NewVecDense(len(row), append([]float64(nil), row...))); err != nil {
		t.Fatal(err)
	}
	best := 0
	for i := range mnist.Classes {
		if out.AtVec(i) > out.AtVec(best) {
			best = i
		}
	}
	return best
}

// trainedNetwork trains the seed's network for two epochs on 10,000 images:
// about 90 % right, enough for its answers to mean something.
func trainedNetwork(t *testing.T, data *mnist.Data) *nn.Network {
	t.Helper()
	net, err := nn.New([]int{mnist.Pixels, 30, mnist.Classes}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	err = net.Train(t.Context(), data.Train.Slice(0, 10000).Samples(), nn.Settings{Epochs: 2, BatchSize: 10, LearningRate: 3})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func TestSetImage(t *testing.T) {
	data, err := mnist.Load()
	if err != nil {
		t.Fatal(err)
	}
	img := data.Test.Image(3)
	if img.Bounds() != image.Rect(0, 0, 28, 28) {
		t.Fatalf("bounds %v, want 28×28", img.Bounds())
	}
	if !bytes.Equal(img.Pix, data.Test.Pixels[3*784:4*784]) {
		t.Error("the image's pixels are not the set's")
	}
}

func TestCheckSizes(t *testing.T) {
	for _, tc := range []struct {
		sizes []int
		ok    bool
	}{
		{[]int{784, 30, 10}, true},
		{[]int{784, 10}, true},
		{[]int{784, 30, 9}, false},
		{[]int{100, 30, 10}, false},
		{[]int{784}, false},
		{nil, false},
	} {
		if err := mnist.CheckSizes(tc.sizes); (err == nil) != tc.ok {
			t.Errorf("CheckSizes(%v) = %v, want ok %v", tc.sizes, err, tc.ok)
		}
	}
}
