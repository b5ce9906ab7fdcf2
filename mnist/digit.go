package mnist

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // the formats Decode reads
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	"slices"

	"golang.org/x/image/draw"
)

// Limits on the images Decode reads, so that a file or request cannot
// make a program decode more than a photograph's worth of pixels.
const (
	MaxImageBytes  = 32 << 20 // encoded size
	MaxImagePixels = 25e6     // width × height: a 25-megapixel photograph
)

// ErrBlank is returned by Preprocess for an image with no ink on it: one
// colour, or too little contrast to tell a stroke from the paper.
var ErrBlank = errors.New("no ink: the image is blank")

// ErrTooLarge is what the errors of Decode and Limits.Decode are, for
// errors.Is, when an image is over the limits.
var ErrTooLarge = errors.New("mnist: image over the limits")

// tooLarge is an error over the limits: its own message, and ErrTooLarge
// for errors.Is.
type tooLarge string

func (e tooLarge) Error() string        { return string(e) }
func (e tooLarge) Is(target error) bool { return target == ErrTooLarge }

// Limits bounds the images Limits.Decode reads.
type Limits struct {
	Bytes  int     // encoded size
	Pixels float64 // width × height
}

// Decode reads a PNG, JPEG or GIF image of at most MaxImageBytes and
// MaxImagePixels. It checks the size in the header before it decodes.
func Decode(r io.Reader) (image.Image, error) {
	return Limits{Bytes: MaxImageBytes, Pixels: MaxImagePixels}.Decode(r)
}

// Decode reads a PNG, JPEG or GIF image within l, checking the size in the
// header before it decodes. An image over l is an error wrapping
// ErrTooLarge.
func (l Limits) Decode(r io.Reader) (image.Image, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(l.Bytes)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > l.Bytes {
		return nil, tooLarge(fmt.Sprintf("larger than %d MB", l.Bytes>>20))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, notAnImage(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%s image of %d×%d pixels: empty", format, cfg.Width, cfg.Height)
	}
	if float64(cfg.Width)*float64(cfg.Height) > l.Pixels {
		return nil, tooLarge(fmt.Sprintf("%s image of %d×%d pixels: more than %g million", format, cfg.Width, cfg.Height, l.Pixels/1e6))
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s image: %w", format, err)
	}
	return img, nil
}

func notAnImage(err error) error {
	if errors.Is(err, image.ErrFormat) {
		return errors.New("not a PNG, JPEG or GIF image")
	}
	return fmt.Errorf("not a readable image: %w", err)
}

// The geometry of MNIST's images: each digit was scaled to fit a box of
// 20×20 pixels, keeping its aspect ratio, and placed in a 28×28 image with
// its centre of mass at the centre.
const (
	side    = 28
	fitSide = 20
)

// Preprocess turns a picture of one digit into an input row for a network
// trained on MNIST, as MNIST's images were made: it reads the image as
// grey levels (transparent pixels as white paper), takes the ink to be
// dark if the border is light (and light on a dark border), stretches the
// contrast so that the paper is 0 and the darkest stroke 1, crops to the
// ink, scales it to fit 20×20 keeping the aspect ratio (stretching the
// contrast again, so that a thin stroke on a large picture is not left
// faint), and places it in 28×28 with its centre of mass at the centre.
// The result has Pixels values in [0, 1], row by row, ink high.
//
// The border tells the paper from the ink: the paper is its median grey
// plus twice the spread from there to its 99th percentile (the grain of
// a photographed or dithered page), capped half-way to the strongest
// stroke (for a digit that touches the border). An image with no ink
// (less than 10 % contrast between the paper and the strongest stroke)
// returns an error wrapping ErrBlank. The crop ignores specks, ink with
// no ink beside it.
func Preprocess(img image.Image) ([]float64, error) {
	ink, w, h := inkOf(img)
	if w == 0 || h == 0 {
		return nil, errors.New("empty image")
	}
	edge := border(ink, w, h)
	median, p99 := percentile(edge, 0.5), percentile(edge, 0.99)
	peak := slices.Max(ink)
	if peak-median < 0.1 {
		return nil, ErrBlank
	}
	paper := min(median+2*(p99-median), median+(peak-median)/2)
	for i, v := range ink {
		v = (v - paper) / (peak - paper)
		if v < faint {
			v = 0
		}
		ink[i] = min(v, 1)
	}
	return centre(fit(ink, w, inkBox(ink, w, h))), nil
}

// inkBox returns the bounds of the pixels with ink beside them.
func inkBox(ink []float64, w, h int) image.Rectangle {
	box := image.Rectangle{Min: image.Pt(w, h)}
	inked := func(x, y int) bool { return x >= 0 && x < w && y >= 0 && y < h && ink[y*w+x] > 0 }
	for y := range h {
		for x := range w {
			if inked(x, y) && (inked(x-1, y) || inked(x+1, y) || inked(x, y-1) || inked(x, y+1)) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() { // specks only: take them all
		for i, v := range ink {
			if v > 0 {
				box = box.Union(image.Rect(i%w, i/w, i%w+1, i/w+1))
			}
		}
	}
	return box
}

// faint is the least ink Preprocess keeps, half a grey level of an 8-bit
// image: fainter pixels, a pen's anti-aliased fringe, would make where
// the crop falls depend on rounding.
const faint = 0.5 / 255

// inkOf returns the image's ink level per pixel, row by row, in [0, 1].
func inkOf(img image.Image) (ink []float64, w, h int) {
	b := img.Bounds()
	w, h = b.Dx(), b.Dy()
	ink = make([]float64, w*h)
	// The decoders' usual types are read without making a color.Color of
	// every pixel; the grey levels are the same.
	rgba := func(x, y int) (r, g, b, a uint32) { return img.At(x, y).RGBA() }
	switch m := img.(type) {
	case *image.NRGBA:
		rgba = func(x, y int) (r, g, b, a uint32) { return m.NRGBAAt(x, y).RGBA() }
	case *image.RGBA:
		rgba = func(x, y int) (r, g, b, a uint32) { return m.RGBAAt(x, y).RGBA() }
	case *image.Gray:
		rgba = func(x, y int) (r, g, b, a uint32) { return m.GrayAt(x, y).RGBA() }
	}
	for y := range h {
		for x := range w {
			ink[y*w+x] = luminance(rgba(b.Min.X+x, b.Min.Y+y))
		}
	}
	if mean(border(ink, w, h)) > 0.5 {
		for i, v := range ink {
			ink[i] = 1 - v
		}
	}
	return ink, w, h
}

// luminance returns the grey level in [0, 1], over white paper, of a
// colour given as color.Color.RGBA gives it, alpha-premultiplied: the
// paper adds 1 − a (ITU-R BT.601 weights, as color.GrayModel).
func luminance(r, g, b, a uint32) float64 {
	paper := float64(0xffff - a)
	return (0.299*(float64(r)+paper) + 0.587*(float64(g)+paper) + 0.114*(float64(b)+paper)) / 0xffff
}

// border returns the pixels of the outermost rows and columns.
func border(v []float64, w, h int) []float64 {
	var out []float64
	for y := range h {
		if y == 0 || y == h-1 {
			out = append(out, v[y*w:(y+1)*w]...)
			continue
		}
		out = append(out, v[y*w])
		if w > 1 {
			out = append(out, v[y*w+w-1])
		}
	}
	return out
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// percentile returns the value below which the share q of v lies (v is
// reordered).
func percentile(v []float64, q float64) float64 {
	slices.Sort(v)
	return v[int(q*float64(len(v)-1))]
}

// fit scales the box of the w-wide ink image so that its longer side is
// 20 pixels, keeping the aspect ratio, with bilinear filtering (widened
// when shrinking, so that every source pixel counts), then makes its
// strongest pixel 1.
func fit(ink []float64, w int, box image.Rectangle) *image.Gray16 {
	src := image.NewGray16(box)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			src.SetGray16(x, y, color.Gray16{Y: uint16(math.Round(ink[y*w+x] * 0xffff))})
		}
	}
	scale := fitSide / float64(max(box.Dx(), box.Dy()))
	dw := max(1, int(math.Round(float64(box.Dx())*scale)))
	dh := max(1, int(math.Round(float64(box.Dy())*scale)))
	dst := image.NewGray16(image.Rect(0, 0, dw, dh))
	draw.BiLinear.Scale(dst, dst.Bounds(), src, box, draw.Src, nil)
	// A thin stroke on a large picture averages out to a faint one; MNIST's
	// strokes reach full ink. Stretch again so that the strongest is 1.
	var peak uint16
	for i := 0; i < len(dst.Pix); i += 2 {
		peak = max(peak, uint16(dst.Pix[i])<<8|uint16(dst.Pix[i+1]))
	}
	if peak > 0 && peak < 0xffff {
		for i := 0; i < len(dst.Pix); i += 2 {
			v := uint32(dst.Pix[i])<<8 | uint32(dst.Pix[i+1])
			v = (v*0xffff + uint32(peak)/2) / uint32(peak)
			dst.Pix[i], dst.Pix[i+1] = uint8(v>>8), uint8(v)
		}
	}
	return dst
}

// centre places the fitted digit in a 28×28 row with its centre of mass
// at pixel (14, 14), moved by whole pixels and kept inside the image.
// MNIST's images have it there: the mean over the test set is (14.01,
// 13.99) in pixel indices.
func centre(digit *image.Gray16) []float64 {
	b := digit.Bounds()
	var mass, mx, my float64
	for y := range b.Dy() {
		for x := range b.Dx() {
			v := float64(digit.Gray16At(x, y).Y) / 0xffff
			mass += v
			mx += v * float64(x)
			my += v * float64(y)
		}
	}
	at := func(c float64, size int) int {
		if mass == 0 {
			return (side - size) / 2
		}
		return min(max(int(math.Round(side/2-c/mass)), 0), side-size)
	}
	ox, oy := at(mx, b.Dx()), at(my, b.Dy())
	row := make([]float64, Pixels)
	for y := range b.Dy() {
		for x := range b.Dx() {
			row[(oy+y)*side+ox+x] = float64(digit.Gray16At(x, y).Y) / 0xffff
		}
	}
	return row
}

// Image returns image i of the set as a grey-scale picture, as MNIST
// stores it: light ink on a black background.
func (s *Set) Image(i int) *image.Gray {
	size := s.Rows * s.Cols
	img := image.NewGray(image.Rect(0, 0, s.Cols, s.Rows))
	copy(img.Pix, s.Pixels[i*size:(i+1)*size])
	return img
}

// CheckSizes returns an error unless a network of the given layer sizes,
// input first, reads MNIST's images and names its digits: Pixels inputs
// and Classes outputs.
func CheckSizes(sizes []int) error {
	if len(sizes) < 2 || sizes[0] != Pixels || sizes[len(sizes)-1] != Classes {
		return fmt.Errorf("the network's sizes are %v; a network for MNIST takes %d inputs and gives %d outputs", sizes, Pixels, Classes)
	}
	return nil
}
