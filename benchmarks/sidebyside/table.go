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
	fmt.Fprintf(&b, "Seconds per epoch, the median of %d %s (min–max). A ratio is ours / numpy within each run; its median (min–max).\n\n", c.runs, plural(c.runs, "run", "runs"))
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
		for _, s := range k.numpy {
			row = append(row, spread(s, "%.3f"))
		}
		for _, s := range k.ours {
			row = append(row, spread(s, "%.3f"))
		}
		for _, ours := range k.ours {
			for _, numpy := range k.numpy {
				ratios := make([]float64, len(ours))
				for r := range ours {
					ratios[r] = ours[r] / numpy[r]
				}
				row = append(row, spread(ratios, "%.2f"))
			}
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
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
