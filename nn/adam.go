package nn

import (
	"math"

	"github.com/vzorecky/backprop/mat"
)

// Adam is the adaptive moment estimation of Kingma and Ba (2015): with the
// mean gradient g = (1/m)·Σ_x ∂C_x/∂w, the moments m → β1·m + (1 − β1)·g and
// v → β2·v + (1 − β2)·g², their bias-corrected m̂ = m/(1 − β1^t) and
// v̂ = v/(1 − β2^t) at step t, and w → w − ξ·m̂/(√v̂ + ε). L2 is decoupled,
// as in AdamW (Loshchilov and Hutter 2019): the weights also shrink by
// ξ·(λ/n)·w each step, outside the moments, where coupling it into g would
// let v̂ scale the decay away. Biases are not decayed.
//
// An Adam keeps its moments and step count between steps, sized on first
// use: use one value for one network, by pointer. They start at 0 and are
// not saved in model files, so training resumed from a file starts them
// again (with the bias correction of step 1). Learning rates near 0.001
// suit it; the seed's ξ = 3 does not.
type Adam struct {
	// Beta1 and Beta2 are the moments' decay rates β1 and β2, in (0, 1).
	// 0 means 0.9 and 0.999.
	Beta1, Beta2 float64
	// Epsilon is ε, which keeps the step finite where v̂ is 0. 0 means
	// 1e-8.
	Epsilon float64

	t      int // steps taken
	layers []adamLayer
}

type adamLayer struct {
	gw             *mat.Dense
	gb             *mat.VecDense
	mw, vw, mb, vb []float64
}

// Name returns "adam".
func (r *Adam) Name() string { return "adam" }

func (r *Adam) params() (beta1, beta2, eps float64) {
	beta1, beta2, eps = r.Beta1, r.Beta2, r.Epsilon
	if beta1 == 0 {
		beta1 = 0.9
	}
	if beta2 == 0 {
		beta2 = 0.999
	}
	if eps == 0 {
		eps = 1e-8
	}
	return beta1, beta2, eps
}

// Update takes one step of layer u.Layer; a step of the first layer starts
// a new step t.
func (r *Adam) Update(u *LayerUpdate, eta float64) {
	if u.Layer == 0 {
		r.t++
	}
	s := r.layer(u)
	beta1, beta2, eps := r.params()
	c1, c2 := 1-math.Pow(beta1, float64(r.t)), 1-math.Pow(beta2, float64(r.t))
	m := float64(u.BatchSize)
	u.WeightGradient(s.gw, 1/m, 0)
	u.BiasGradient(s.gb, 1/m, 0)
	step := func(w, g, mom, vel []float64, decay float64) {
		for i, gi := range g {
			mom[i] = beta1*mom[i] + (1-beta1)*gi
			vel[i] = beta2*vel[i] + (1-beta2)*gi*gi
			w[i] -= eta * ((mom[i]/c1)/(math.Sqrt(vel[i]/c2)+eps) + decay*w[i])
		}
	}
	step(u.Weights.RawMatrix().Data, s.gw.RawMatrix().Data, s.mw, s.vw, u.WeightDecay)
	step(u.Biases.RawVector().Data, s.gb.RawVector().Data, s.mb, s.vb, 0)
}

// layer returns the state of layer u.Layer, made on first use.
func (r *Adam) layer(u *LayerUpdate) *adamLayer {
	for len(r.layers) <= u.Layer {
		r.layers = append(r.layers, adamLayer{})
	}
	s := &r.layers[u.Layer]
	out, in := u.Weights.Dims()
	if s.gw == nil {
		s.gw, s.gb = mat.NewDense(out, in, nil), mat.NewVecDense(out, nil)
		s.mw, s.vw = make([]float64, out*in), make([]float64, out*in)
		s.mb, s.vb = make([]float64, out), make([]float64, out)
	}
	checkStateShape("Adam", s.gw, out, in)
	return s
}
