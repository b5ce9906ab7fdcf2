package nn

import (
	"math/rand/v2"

	"github.com/vzorecky/backprop/mat"
)

// dropout is inverted dropout of the hidden layers in training steps:
// for each mini-batch, every hidden activation is kept with probability
// 1 − p and then scaled by 1/(1 − p), or dropped to 0, so that its
// expected value is unchanged and evaluation needs no dropout at all.
// The next layer reads the dropped activations (and so does its weight
// gradient, BP3); the error sent back (BP2) passes through the same mask.
type dropout struct {
	rate  float64
	rng   *rand.Rand
	masks []rows // 1/(1 − p) where kept, 0 where dropped, per hidden layer
	kept  []rows // a ⊙ mask, the next layer's input
}

// apply draws layer i's mask for the batch and sets kept(i) = a ⊙ mask.
func (d *dropout) apply(i int, a *mat.Dense) {
	for len(d.masks) <= i {
		d.masks, d.kept = append(d.masks, rows{}), append(d.kept, rows{})
	}
	m, n := a.Dims()
	d.masks[i].resize(m, n)
	d.kept[i].resize(m, n)
	scale := 1 / (1 - d.rate)
	mask, kept := flat(&d.masks[i].Dense), flat(&d.kept[i].Dense)
	for j, v := range flat(a) {
		mask[j] = 0
		if d.rng.Float64() >= d.rate {
			mask[j] = scale
		}
		kept[j] = v * mask[j]
	}
}

// backward turns ∂C/∂(kept activations) of layer i into ∂C/∂a.
func (d *dropout) backward(i int, delta *mat.Dense) {
	mask := flat(&d.masks[i].Dense)
	dd := flat(delta)
	for j := range dd {
		dd[j] *= mask[j]
	}
}
