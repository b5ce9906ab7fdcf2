package nn

import "fmt"

// Schedule changes the learning rate between epochs, and may end
// training. Train asks it after every epoch's report; a schedule that keeps
// state (Plateau) is used by pointer, one value per Train call.
type Schedule interface {
	// Name identifies the schedule in a model file's training record.
	Name() string

	// Next returns ξ for the next epoch, given the report of the one just
	// run (whose LearningRate is the ξ it ran with), and whether training
	// should stop here.
	Next(r EpochReport) (eta float64, stop bool)
}

// StepDecay multiplies ξ by Factor after every Every epochs.
type StepDecay struct {
	Every  int     // epochs between decays, at least 1
	Factor float64 // in (0, 1)
}

// Name returns "step-decay".
func (StepDecay) Name() string { return "step-decay" }

// Next decays ξ at the end of every Every-th epoch.
func (d StepDecay) Next(r EpochReport) (float64, bool) {
	if r.Epoch%d.Every == 0 {
		return r.LearningRate * d.Factor, false
	}
	return r.LearningRate, false
}

func (d StepDecay) check() error {
	if d.Every < 1 || !(d.Factor > 0 && d.Factor < 1) {
		return &SettingError{Setting: "Schedule", Value: fmt.Sprintf("%+v", d), Reason: "StepDecay needs Every ≥ 1 and Factor in (0, 1)"}
	}
	return nil
}

// Plateau is the schedule of Nielsen's book, chapter 3: ξ is divided by
// Factor each time the accuracy on Settings.Eval has not improved for
// Patience epochs, and training stops once ξ has fallen to 1/Stop of where
// it started. The zero value is the book's: Patience 10, Factor 2, Stop
// 128. It needs Settings.Eval.
type Plateau struct {
	Patience int     // epochs without improvement before ξ falls; 0 means 10
	Factor   float64 // ξ is divided by it, above 1; 0 means 2
	Stop     float64 // training stops when ξ ≤ ξ₀/Stop; 0 means 128

	start, best float64
	since       int
}

// Name returns "plateau".
func (p *Plateau) Name() string { return "plateau" }

func (p *Plateau) values() (patience int, factor, stop float64) {
	patience, factor, stop = p.Patience, p.Factor, p.Stop
	if patience == 0 {
		patience = 10
	}
	if factor == 0 {
		factor = 2
	}
	if stop == 0 {
		stop = 128
	}
	return patience, factor, stop
}

// Next divides ξ when the evaluation accuracy has stalled.
func (p *Plateau) Next(r EpochReport) (float64, bool) {
	patience, factor, stop := p.values()
	if p.start == 0 {
		p.start = r.LearningRate
	}
	if acc := r.Eval.Accuracy(); acc > p.best {
		p.best, p.since = acc, 0
		return r.LearningRate, false
	}
	if p.since++; p.since < patience {
		return r.LearningRate, false
	}
	p.since = 0
	eta := r.LearningRate / factor
	return eta, eta <= p.start/stop
}

func (p *Plateau) check() error {
	if patience, factor, stop := p.values(); patience < 1 || !(factor > 1) || !(stop > 1) {
		return &SettingError{Setting: "Schedule", Value: fmt.Sprintf("%+v", *p), Reason: "Plateau needs Patience ≥ 1, Factor > 1 and Stop > 1"}
	}
	return nil
}
