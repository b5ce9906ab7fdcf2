package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/nn"
)

// byteSize is a -max-memory value: a number of bytes, with an optional
// suffix K, M, G or T (powers of 1024). 0 means what the system has free.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	mult := int64(1)
	if i := strings.IndexAny(s, "KMGTkmgt"); i >= 0 && i == len(s)-1 {
		mult = 1 << (10 * (strings.IndexByte("KMGT", strings.ToUpper(s[i:])[0]) + 1))
		s = s[:i]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v*float64(mult) > 1<<62 {
		return fmt.Errorf("want a number of bytes such as 4G, 512M or 1000000")
	}
	*b = byteSize(v * float64(mult))
	return nil
}

// availableMemory returns how many bytes the system can give without
// swapping (MemAvailable in /proc/meminfo), or 0 where it cannot tell.
func availableMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		var kb int64
		if _, err := fmt.Sscanf(lines.Text(), "MemAvailable: %d kB", &kb); err == nil {
			return kb << 10
		}
	}
	return 0
}

// checkMemory refuses, before the network is made, a run that would not
// fit in the memory the system has free, or in -max-memory.
func (cfg *config) checkMemory(sizes []int) error {
	limit, what := int64(cfg.maxMemory), "the -max-memory limit"
	if limit == 0 {
		// A tenth is kept back: the estimate leaves out what is allocated
		// for a moment (loading, saving), and the system's figure counts
		// caches it may not give back at once.
		limit, what = availableMemory()/10*9, "nine tenths of the memory available"
	}
	need := nn.MemoryNeeded(sizes, cfg.settings.BatchSize)
	copies := 0 // of the parameters, besides what MemoryNeeded counts
	if cfg.out != "" {
		copies += 2 // the last epoch's network, and its successor being copied
	}
	if cfg.settings.Patience > 0 {
		copies++ // the best network so far
	}
	switch rule := cfg.settings.StepRule.(type) {
	case *nn.Momentum:
		copies++ // velocities
		if rule.Nesterov {
			copies++ // the gradient
		}
	case *nn.Adam:
		copies += 3 // the gradient and two moments
	}
	need += int64(copies) * 8 * nn.CountParams(sizes)
	if limit > 0 && need > limit {
		return cli.Usagef("%v in mini-batches of %d: training needs about %s of memory, more than %s (%s)",
			sizes, cfg.settings.BatchSize, human(need), what, human(limit))
	}
	return nil
}

func human(bytes int64) string {
	switch {
	case bytes >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(bytes)/(1<<30))
	case bytes >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(bytes)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", bytes)
}
