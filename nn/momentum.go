package nn

import (
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// Momentum is gradient descent with momentum: a velocity v per parameter,
// v → μ·v − ξ·g and w → w + v, where g = (1/m)·Σ_x ∂C_x/∂w + (λ/n)·w is the
// mean gradient with L2 coupled into it, as network2.py couples it into
// SGD. With Nesterov set it is Nesterov's accelerated gradient in
// Sutskever's form, w → w + μ·v − ξ·g with the new v, which looks ahead
// along the velocity. Biases move the same way, without the L2 term.
//
// A Momentum keeps its velocities between steps, sized on first use: use
// one value for one network, by pointer. Velocities start at 0 and are not
// saved in model files, so training resumed from a file starts them again.
type Momentum struct {
	// Mu is μ, the fraction of the velocity kept each step, in (0, 1).
	// 0 means 0.9.
	Mu float64
	// Nesterov selects Nesterov's accelerated gradient.
	Nesterov bool

	layers []momentumLayer
}

type momentumLayer struct {
	vw, gw *mat.Dense    // velocity and, for Nesterov, the gradient
	vb, gb *mat.VecDense // the same for the biases
}

// Name returns "momentum" or "nesterov".
func (r *Momentum) Name() string {
	if r.Nesterov {
		return "nesterov"
	}
	return "momentum"
}

func (r *Momentum) mu() float64 {
	if r.Mu == 0 {
		return 0.9
	}
	return r.Mu
}

// Update takes one step of layer u.Layer.
func (r *Momentum) Update(u *LayerUpdate, eta float64) {
	s := r.layer(u)
	mu, m := r.mu(), float64(u.BatchSize)
	w, b := u.Weights.RawMatrix().Data, u.Biases.RawVector().Data
	vw, vb := s.vw.RawMatrix().Data, s.vb.RawVector().Data
	if !r.Nesterov {
		// v = μ·v − (ξ/m)·Σ∇ is the gradient product with beta = μ.
		u.WeightGradient(s.vw, -eta/m, mu)
		u.BiasGradient(s.vb, -eta/m, mu)
		if u.WeightDecay != 0 {
			for i := range w {
				vw[i] -= eta * u.WeightDecay * w[i]
			}
		}
		for i := range w {
			w[i] += vw[i]
		}
		for i := range b {
			b[i] += vb[i]
		}
		return
	}
	u.WeightGradient(s.gw, 1/m, 0)
	u.BiasGradient(s.gb, 1/m, 0)
	gw, gb := s.gw.RawMatrix().Data, s.gb.RawVector().Data
	for i := range w {
		g := gw[i] + u.WeightDecay*w[i]
		vw[i] = mu*vw[i] - eta*g
		w[i] += mu*vw[i] - eta*g
	}
	for i := range b {
		vb[i] = mu*vb[i] - eta*gb[i]
		b[i] += mu*vb[i] - eta*gb[i]
	}
}

// layer returns the state of layer u.Layer, made on first use.
func (r *Momentum) layer(u *LayerUpdate) *momentumLayer {
	for len(r.layers) <= u.Layer {
		r.layers = append(r.layers, momentumLayer{})
	}
	s := &r.layers[u.Layer]
	out, in := u.Weights.Dims()
	if s.vw == nil {
		s.vw, s.vb = mat.NewDense(out, in, nil), mat.NewVecDense(out, nil)
		if r.Nesterov {
			s.gw, s.gb = mat.NewDense(out, in, nil), mat.NewVecDense(out, nil)
		}
	}
	checkStateShape("Momentum", s.vw, out, in)
	return s
}

// checkStateShape panics when a rule's state does not fit the layer it
// is asked to step: one rule value was used for two networks.
func checkStateShape(rule string, state *mat.Dense, out, in int) {
	if r, c := state.Dims(); r != out || c != in {
		panic(fmt.Sprintf("nn: a %s that stepped a %d×%d layer was asked to step a %d×%d one: use one per network", rule, r, c, out, in))
	}
}
