package viz

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Curve is one line of a chart: a value per epoch, from epoch 1.
type Curve struct {
	Name   string
	Values []float64
}

// LearningCurves is a chart of a training run, epoch by epoch: the costs
// in a panel above the accuracies.
type LearningCurves struct {
	Title      string  // names the network and its settings
	Costs      []Curve // e.g. the training cost; the panel is left out if there are none
	Accuracies []Curve // in percent
}

// The chart's size: wide enough for a title that names a network's
// settings, tall enough for two panels.
const (
	curvesWidth  = 7 * vg.Inch
	curvesHeight = 6 * vg.Inch
	pngDPI       = 110
)

// Formats names the formats that LearningCurves.Write writes.
var Formats = []string{"svg", "png"}

// FormatOf returns the format a file's extension names, "svg" or "png" in
// any case, or an error.
func FormatOf(path string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	for _, f := range Formats {
		if ext == f {
			return f, nil
		}
	}
	return "", fmt.Errorf("%q: the name must end in .svg or .png", path)
}

// Write draws the chart in format ("svg" or "png") to w. The chart needs
// at least one curve with at least one value.
func (c *LearningCurves) Write(w io.Writer, format string) error {
	var canvas vg.CanvasWriterTo
	switch format {
	case "svg":
		canvas = vgsvg.New(curvesWidth, curvesHeight)
	case "png":
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(curvesWidth, curvesHeight), vgimg.UseDPI(pngDPI))}
	default:
		return fmt.Errorf("viz: format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	var panels [][]*plot.Plot
	for _, p := range []struct {
		curves    []Curve
		label     string
		legendTop bool // where the curves are not: costs fall, accuracies rise
	}{{c.Costs, "cost", true}, {c.Accuracies, "accuracy (%)", false}} {
		if len(p.curves) == 0 {
			continue
		}
		panel, err := newPanel(p.curves, p.label, p.legendTop)
		if err != nil {
			return err
		}
		panels = append(panels, []*plot.Plot{panel})
	}
	if len(panels) == 0 {
		return errors.New("viz: a chart of no curves")
	}
	panels[0][0].Title.Text = c.Title
	panels[len(panels)-1][0].X.Label.Text = "epoch"

	tiles := draw.Tiles{Rows: len(panels), Cols: 1, PadX: vg.Millimeter, PadY: 4 * vg.Millimeter,
		PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 4 * vg.Millimeter}
	for i, dc := range plot.Align(panels, tiles, draw.New(canvas)) {
		panels[i][0].Draw(dc[0])
	}
	_, err := canvas.WriteTo(w)
	return err
}

// newPanel plots curves against the epoch, each with its own colour, dash
// and marks, with a legend in the top or bottom right corner.
func newPanel(curves []Curve, label string, legendTop bool) (*plot.Plot, error) {
	p := plot.New()
	p.Y.Label.Text = label
	p.Add(plotter.NewGrid())
	p.Legend.Top = legendTop
	epochs := 0
	for i, c := range curves {
		if len(c.Values) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(c.Values))
		for j, v := range c.Values {
			xys[j] = plotter.XY{X: float64(j + 1), Y: v}
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("viz: curve %q: %w", c.Name, err)
		}
		line.Color, points.Color = plotutil.Color(i), plotutil.Color(i)
		line.Dashes = plotutil.Dashes(i)
		points.Shape = plotutil.Shape(i)
		p.Add(line, points)
		p.Legend.Add(c.Name, line, points)
		epochs = max(epochs, len(c.Values))
	}
	if epochs == 0 {
		return nil, errors.New("viz: curves with no values")
	}
	p.X.Min, p.X.Max = 1, max(2, float64(epochs))
	p.X.Tick.Marker = epochTicks{}
	return p, nil
}

// epochTicks marks whole epochs only, at most about ten of them.
type epochTicks struct{}

// Ticks returns labelled ticks at whole epochs between min and max.
func (epochTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		step = s
		if (max-min)/float64(s) <= 10 {
			break
		}
	}
	var ticks []plot.Tick
	for e := step * (int(min) / step); float64(e) <= max; e += step {
		if float64(e) >= min {
			ticks = append(ticks, plot.Tick{Value: float64(e), Label: fmt.Sprint(e)})
		}
	}
	return ticks
}
