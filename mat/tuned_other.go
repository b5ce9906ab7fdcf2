//go:build !amd64 || purego

package mat

// There are no assembly kernels for this platform; the variables exist for
// the tests, which switch kernel sets.
var hasAVX2FMA, hasAVX512 = false, false

func dotPanel(w []float64, p *panel, out *[panelHeight]float64) {
	p.check(len(w))
	dotPanelGo(w, p, out)
}

func axpyPanel(y []float64, p *panel, c *[panelHeight]float64) {
	p.check(len(y))
	axpyPanelGo(y, p, c)
}

func dotPanel3(w *[3][]float64, p *panel, out *[3][panelHeight]float64) {
	for c := range w {
		dotPanel(w[c], p, &out[c])
	}
}

func axpyPanel3(y *[3][]float64, p *panel, c *[3][panelHeight]float64) {
	for i := range y {
		axpyPanel(y[i], p, &c[i])
	}
}
