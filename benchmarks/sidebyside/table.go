package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// writeTable prints the cases as a Markdown table: the seconds per epoch
// of every program, then every ratio ours / numpy, each as the median over
// the runs and its range.
func writeTable(w io.Writer, c config, cases []*measurement) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Seconds per epoch: in each run, the %s of the %d %s each program trained; of those, the median of %d %s (min–max). A ratio is ours / numpy within each run; its median (min–max).\n\n",
		c.stat, c.epochs, plural(c.epochs, "epoch", "epochs"), c.runs, plural(c.runs, "run", "runs"))
	head := []string{"Network", "Batch"}
	for _, t := range c.coretypes {
		head = append(head, numpyName(t))
	}
	head = append(head, c.impls...)
	for _, im := range c.impls {
		for _, t := range c.coretypes {
			head = append(head, im+" / "+numpyName(t))
		}
	}
	b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	b.WriteString(strings.Repeat("|---", len(head)) + "|\n")
	for _, k := range cases {
		row := []string{"[" + join(k.sizes, ", ") + "]", fmt.Sprint(k.batch)}
		numpy, ours := statOf(k.numpy, c.stat), statOf(k.ours, c.stat)
		for _, s := range numpy {
			row = append(row, spread(s, "%.3f"))
		}
		for _, s := range ours {
			row = append(row, spread(s, "%.3f"))
		}
		for _, o := range ours {
			for _, n := range numpy {
				ratios := make([]float64, len(o))
				for r := range o {
					ratios[r] = o[r] / n[r]
				}
				row = append(row, spread(ratios, "%.2f"))
			}
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// statOf returns the statistic stat of every program's epochs in every
// run.
func statOf(e [][]epochs, stat string) [][]float64 {
	out := make([][]float64, len(e))
	for i, runs := range e {
		for _, r := range runs {
			out[i] = append(out[i], r.of(stat))
		}
	}
	return out
}

// spread formats the median of v and, for more than one value, its range.
func spread(v []float64, format string) string {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 1 {
		return fmt.Sprintf(format, s[0])
	}
	return fmt.Sprintf(format+" ("+format+"–"+format+")", median(s), s[0], s[len(s)-1])
}

// median returns the median of sorted values.
func median(s []float64) float64 {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
