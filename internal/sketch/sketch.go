// Package sketch draws digits as a hand holding a pen would: a few strokes
// per digit, with a slant, a wobble and a pen width, anywhere on a canvas
// of any size. The tests of the preprocessing, cmd/predict's samples and
// the digit pad's synthetic mouse strokes are drawn with it, so that they
// are reproducible from a seed rather than files of unknown origin.
package sketch

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"

	"golang.org/x/image/vector"
)

// Point is a point of a stroke. In Digit's strokes, the digit's box is the
// unit square, x to the right and y down.
type Point struct{ X, Y float64 }

// Digit returns the strokes of a hand-written d, 0 to 9, each a polyline
// in the unit square. It panics if d is not a digit.
func Digit(d int) [][]Point {
	switch d {
	case 0:
		return [][]Point{arc(0.5, 0.5, 0.45, 0.5, -100, 265)}
	case 1:
		return [][]Point{{{0.25, 0.25}, {0.6, 0}, {0.6, 1}}}
	case 2:
		return [][]Point{append(arc(0.5, 0.3, 0.42, 0.3, 190, 400), Point{0.02, 1}, Point{1, 0.98})}
	case 3:
		return [][]Point{append(arc(0.45, 0.25, 0.4, 0.25, 200, 450), arc(0.45, 0.73, 0.45, 0.27, 270, 515)...)}
	case 4:
		return [][]Point{{{0.6, 0}, {0, 0.65}, {1, 0.65}}, {{0.72, 0.3}, {0.72, 1}}}
	case 5:
		return [][]Point{append([]Point{{0.9, 0}, {0.22, 0}, {0.17, 0.45}}, arc(0.5, 0.68, 0.42, 0.32, 220, 500)...)}
	case 6:
		return [][]Point{append([]Point{{0.75, 0}, {0.4, 0.2}, {0.15, 0.55}}, arc(0.5, 0.72, 0.38, 0.28, 180, 540)...)}
	case 7:
		return [][]Point{{{0, 0}, {1, 0}, {0.35, 1}}}
	case 8:
		return [][]Point{arc(0.5, 0.25, 0.32, 0.25, 0, 360), arc(0.5, 0.72, 0.42, 0.28, 0, 360)}
	case 9:
		return [][]Point{arc(0.5, 0.3, 0.4, 0.3, 0, 360), {{0.9, 0.25}, {0.8, 1}}}
	}
	panic(fmt.Sprintf("sketch: %d is not a digit", d))
}

// arc returns points on an ellipse from angle a0 to a1 in degrees (0 to the
// right, 90 down), about one every 10°.
func arc(cx, cy, rx, ry, a0, a1 float64) []Point {
	n := int(math.Ceil(math.Abs(a1-a0)/10)) + 1
	ps := make([]Point, n)
	for i := range ps {
		a := (a0 + (a1-a0)*float64(i)/float64(n-1)) * math.Pi / 180
		ps[i] = Point{cx + rx*math.Cos(a), cy + ry*math.Sin(a)}
	}
	return ps
}

// Style says how strokes are drawn on a canvas.
type Style struct {
	Canvas image.Point     // the canvas's size in pixels
	Box    image.Rectangle // where the unit square lands on it
	Pen    float64         // the stroke's width in pixels
	Slant  float64         // horizontal shift of the top of the box, as a share of its height
	Wobble float64         // how far the hand strays, in pixels
	Seed   uint64          // of the wobble
	Ink    color.Color     // nil: black
	Paper  color.Color     // nil: white
}

// Place maps the strokes of the unit square into s.Box with the slant and
// the wobble: the canvas coordinates that Draw fills.
func (s Style) Place(strokes [][]Point) [][]Point {
	rng := rand.New(rand.NewPCG(s.Seed, 0x5e7c4))
	w, h := float64(s.Box.Dx()), float64(s.Box.Dy())
	out := make([][]Point, len(strokes))
	for i, stroke := range strokes {
		dx, dy := s.Wobble*(rng.Float64()*2-1), s.Wobble*(rng.Float64()*2-1)
		out[i] = make([]Point, len(stroke))
		for j, p := range stroke {
			out[i][j] = Point{
				X: float64(s.Box.Min.X) + p.X*w + s.Slant*(1-p.Y)*h + dx + s.Wobble/4*(rng.Float64()*2-1),
				Y: float64(s.Box.Min.Y) + p.Y*h + dy + s.Wobble/4*(rng.Float64()*2-1),
			}
		}
	}
	return out
}

// Draw returns a canvas with the strokes, in canvas coordinates, drawn with
// a round pen of the style's width.
func (s Style) Draw(strokes [][]Point) *image.RGBA {
	ink, paper := s.Ink, s.Paper
	if ink == nil {
		ink = color.Black
	}
	if paper == nil {
		paper = color.White
	}
	img := image.NewRGBA(image.Rectangle{Max: s.Canvas})
	fill(img, paper)
	z := vector.NewRasterizer(s.Canvas.X, s.Canvas.Y)
	r := s.Pen / 2
	for _, stroke := range strokes {
		for i, p := range stroke {
			polygon(z, disc(p, r))
			if i > 0 {
				polygon(z, segment(stroke[i-1], p, r))
			}
		}
	}
	z.Draw(img, img.Bounds(), image.NewUniform(ink), image.Point{})
	return img
}

func fill(img *image.RGBA, c color.Color) {
	r, g, b, a := c.RGBA()
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
	}
}

func disc(c Point, r float64) []Point {
	ps := arc(c.X, c.Y, r, r, 0, 360)
	return ps[:len(ps)-1]
}

// segment returns the rectangle of a pen of radius r drawn from a to b.
func segment(a, b Point, r float64) []Point {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return nil
	}
	nx, ny := -dy/l*r, dx/l*r
	return []Point{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}}
}

// polygon adds ps to z, always in the same winding direction: the
// rasterizer adds the coverage of overlapping shapes, and opposite windings
// would cancel.
func polygon(z *vector.Rasterizer, ps []Point) {
	if len(ps) < 3 {
		return
	}
	var area float64
	for i, p := range ps {
		q := ps[(i+1)%len(ps)]
		area += p.X*q.Y - q.X*p.Y
	}
	if area < 0 {
		slices.Reverse(ps) // disc and segment make a new slice each time
	}
	z.MoveTo(float32(ps[0].X), float32(ps[0].Y))
	for _, p := range ps[1:] {
		z.LineTo(float32(p.X), float32(p.Y))
	}
	z.ClosePath()
}
