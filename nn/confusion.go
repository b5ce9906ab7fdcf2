package nn

import (
	"fmt"
	"math"
	"strings"
)

// Confusion is a confusion matrix: how often a sample of each true class
// was predicted as each class. Classes are numbered from 0.
type Confusion struct {
	classes int
	counts  []int // row-major: counts[true*classes+predicted]
}

// NewConfusion returns an empty confusion matrix for the given number of
// classes. It panics if classes is less than 1.
func NewConfusion(classes int) *Confusion {
	if classes < 1 {
		panic(fmt.Sprintf("nn: confusion matrix of %d classes", classes))
	}
	return &Confusion{classes: classes, counts: make([]int, classes*classes)}
}

// NewConfusionOf returns the confusion matrix of the predictions ps of a
// network with the given number of outputs.
func NewConfusionOf(classes int, ps []Prediction) *Confusion {
	c := NewConfusion(classes)
	for _, p := range ps {
		c.Add(p.Truth, p.Predicted)
	}
	return c
}

// Classes returns the number of classes.
func (c *Confusion) Classes() int { return c.classes }

// Add counts one sample of class truth predicted as predicted. It panics
// if either is not a class.
func (c *Confusion) Add(truth, predicted int) {
	c.check(truth)
	c.check(predicted)
	c.counts[truth*c.classes+predicted]++
}

// At returns how many samples of class truth were predicted as predicted.
func (c *Confusion) At(truth, predicted int) int {
	c.check(truth)
	c.check(predicted)
	return c.counts[truth*c.classes+predicted]
}

func (c *Confusion) check(class int) {
	if class < 0 || class >= c.classes {
		panic(fmt.Sprintf("nn: class %d outside a confusion matrix of %d classes", class, c.classes))
	}
}

// Total returns the number of samples counted.
func (c *Confusion) Total() int {
	var n int
	for _, v := range c.counts {
		n += v
	}
	return n
}

// Correct returns the number of samples predicted as their true class, the
// sum of the diagonal.
func (c *Confusion) Correct() int {
	var n int
	for i := range c.classes {
		n += c.counts[i*c.classes+i]
	}
	return n
}

// Recall returns the share of the samples of class that were predicted as
// class: the diagonal entry over its row's sum. It is NaN when no sample
// of the class was counted.
func (c *Confusion) Recall(class int) float64 {
	var row int
	for p := range c.classes {
		row += c.At(class, p)
	}
	return ratio(c.At(class, class), row)
}

// Precision returns the share of the samples predicted as class that are
// of class: the diagonal entry over its column's sum. It is NaN when no
// sample was predicted as the class.
func (c *Confusion) Precision(class int) float64 {
	var col int
	for t := range c.classes {
		col += c.At(t, class)
	}
	return ratio(c.At(class, class), col)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// String returns the matrix as a table, one row per true class and one
// column per predicted class, with each class's recall at the end of its
// row and its precision under its column, in percent ("-" for NaN).
func (c *Confusion) String() string {
	width := max(len(fmt.Sprint(c.Total())), len(fmt.Sprint(c.classes-1)), 5) + 1
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s", "true\\pred")
	for p := range c.classes {
		fmt.Fprintf(&b, "%*d", width, p)
	}
	fmt.Fprintf(&b, "%9s\n", "recall")
	for t := range c.classes {
		fmt.Fprintf(&b, "%-10d", t)
		for p := range c.classes {
			fmt.Fprintf(&b, "%*d", width, c.At(t, p))
		}
		fmt.Fprintf(&b, "%9s\n", percent(c.Recall(t), 9))
	}
	fmt.Fprintf(&b, "%-10s", "precision")
	for p := range c.classes {
		fmt.Fprintf(&b, "%*s", width, percent(c.Precision(p), width))
	}
	b.WriteString("\n")
	return b.String()
}

// percent formats a share in percent, with one decimal if it fits in width
// (with its leading space), else none.
func percent(share float64, width int) string {
	if math.IsNaN(share) {
		return "-"
	}
	s := fmt.Sprintf("%.1f%%", 100*share)
	if len(s) >= width {
		s = fmt.Sprintf("%.0f%%", 100*share)
	}
	return s
}
