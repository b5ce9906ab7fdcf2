package viz

import (
	"image"
	"image/color"
	"image/draw"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Cell is a picture with a caption under it.
type Cell struct {
	Image   image.Image
	Caption string
}

// Grid lays out pictures with their captions.
type Grid struct {
	Title   string // over the grid; none if empty
	Columns int    // cells per row; 0 means 10
	Scale   int    // each picture's pixel becomes Scale×Scale; 0 means 3
}

// The grid's text: the standard library's 7×13 pixel font.
var face = basicfont.Face7x13

const (
	margin    = 8  // around the grid and between cells, in pixels
	lineSpace = 16 // a line of text
)

// Draw returns the cells laid out row by row on white, each picture
// scaled by nearest neighbour (its pixels stay visible) and its caption
// centred under it. Cells are as wide as the widest picture or caption.
func (g Grid) Draw(cells []Cell) *image.RGBA {
	cols, scale := g.Columns, g.Scale
	if cols <= 0 {
		cols = 10
	}
	if scale <= 0 {
		scale = 3
	}
	var cw, ch int
	for _, c := range cells {
		b := c.Image.Bounds()
		cw = max(cw, b.Dx()*scale, textWidth(c.Caption))
		ch = max(ch, b.Dy()*scale)
	}
	rows := (len(cells) + cols - 1) / cols
	top := margin
	if g.Title != "" {
		top += lineSpace + margin/2
	}
	width := max(margin+min(cols, max(len(cells), 1))*(cw+margin), 2*margin+textWidth(g.Title))
	height := top + rows*(ch+lineSpace+margin) + margin/2
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	if g.Title != "" {
		text(img, g.Title, margin, margin+lineSpace-4)
	}
	for i, c := range cells {
		x := margin + (i%cols)*(cw+margin)
		y := top + (i/cols)*(ch+lineSpace+margin)
		b := c.Image.Bounds()
		w, h := b.Dx()*scale, b.Dy()*scale
		at := image.Rect(x+(cw-w)/2, y, x+(cw-w)/2+w, y+h)
		xdraw.NearestNeighbor.Scale(img, at, c.Image, b, xdraw.Src, nil)
		text(img, c.Caption, x+(cw-textWidth(c.Caption))/2, y+ch+lineSpace-3)
	}
	return img
}

func textWidth(s string) int {
	return font.MeasureString(face, s).Ceil()
}

// text writes s in black with its baseline at y.
func text(img draw.Image, s string, x, y int) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
