package nn

import (
	"context"
	"math"
	"math/rand/v2"
	"time"

	"github.com/vzorecky/backprop/mat"
)

// Settings configures Train. The zero value is not usable: Epochs,
// BatchSize and LearningRate must be set; the other fields are optional and
// their zero values are documented.
type Settings struct {
	// Epochs is the number of passes over the training set, at least 1.
	Epochs int
	// BatchSize is the mini-batch size m, at least 1. When it does not
	// divide the number of samples, each epoch ends with a shorter
	// mini-batch of the remaining samples, stepped with ξ/m of its own
	// size, as in the seed's reference implementation: no sample is dropped.
	// A mini-batch of 256 or more may be computed in blocks, for the
	// cache's sake, and a smaller one shared between cores by the first
	// layer's neurons; the results are those of the whole batch, bit for
	// bit.
	BatchSize int
	// LearningRate is ξ (eta), positive and finite.
	LearningRate float64
	// Shuffle, if not nil, reorders the samples before every epoch. nil
	// keeps the data set's order, every epoch the same.
	Shuffle *rand.Rand
	// Eval, if not nil, is evaluated after every epoch and reported.
	Eval Samples
	// Report, if not nil, is called after every epoch. Training stops with
	// its error if it returns one.
	Report func(EpochReport) error
	// Progress, if not nil, is called after every mini-batch with the
	// number of samples of the epoch done so far and their total.
	Progress func(done, total int)
	// StepRule turns each mini-batch's gradient into a step. nil means
	// SGD, the seed's rule.
	StepRule StepRule
	// Lambda is λ of L2 regularisation, 0 or more: the cost gains
	// (λ/2n)·Σ‖w‖² over every weight (not the biases), n being the number
	// of training samples, and each step decays the weights by (1 − ξλ/n)
	// as network2.py does. 0 means no regularisation.
	Lambda float64
	// MonitorTraining, if set, evaluates the training set after every
	// epoch too (EpochReport.Train), which costs a forward pass over it.
	MonitorTraining bool
	// Schedule, if not nil, sets ξ for every epoch after the first from
	// the reports so far, and may end training. nil keeps LearningRate.
	Schedule Schedule
	// Patience, if above 0, is early stopping: training ends after that
	// many epochs without a better accuracy on Eval, and Train returns
	// with the best network it saw there, not the last. It needs Eval.
	Patience int
	// Dropout is the rate p at which the neurons of hidden layers are
	// dropped in training, in [0, 1): each mini-batch draws a mask from
	// DropoutRand, and kept activations are scaled by 1/(1 − p) (inverted
	// dropout), so nothing changes at evaluation. 0 means none.
	Dropout float64
	// DropoutRand draws the dropout masks; it is needed when Dropout > 0.
	DropoutRand *rand.Rand
}

// EpochReport is what Train reports after each epoch. With L2 the costs
// of the evaluations include the weights' term, (λ/2N)·Σ‖w‖² with N the
// evaluated set's size, as network2.py's total_cost has it; TrainCost does
// not.
type EpochReport struct {
	Epoch        int           // from 1
	LearningRate float64       // ξ of the epoch
	Best         bool          // the network is the best yet on Settings.Eval (the one early stopping keeps)
	Duration     time.Duration // training time of the epoch, without evaluation
	TrainCost    float64       // mean C_x over the epoch's samples, each taken just before its own step
	Train        Evaluation    // on the training set, with Settings.MonitorTraining; zero otherwise
	Eval         Evaluation    // on Settings.Eval; zero if there is none
}

// Check returns a *SettingError for the first setting that Train cannot
// use, or nil. Train calls it; a program that builds Settings from its
// user's input can call it first to report mistakes before any work.
func (s *Settings) Check() error {
	if s.Epochs < 1 {
		return &SettingError{Setting: "Epochs", Value: s.Epochs, Reason: "must be at least 1"}
	}
	if s.BatchSize < 1 {
		return &SettingError{Setting: "BatchSize", Value: s.BatchSize, Reason: "must be at least 1"}
	}
	if err := checkLearningRate(s.LearningRate); err != nil {
		return err
	}
	if !(s.Lambda >= 0) || math.IsInf(s.Lambda, 1) {
		return &SettingError{Setting: "Lambda", Value: s.Lambda, Reason: "must be 0 or more and finite"}
	}
	if s.Patience < 0 {
		return &SettingError{Setting: "Patience", Value: s.Patience, Reason: "must be 0 (no early stopping) or more"}
	}
	_, plateau := s.Schedule.(*Plateau)
	if (s.Patience > 0 || plateau) && s.Eval == nil {
		return &SettingError{Setting: "Eval", Value: "nil", Reason: "early stopping and the plateau schedule watch the accuracy on Eval"}
	}
	if c, ok := s.Schedule.(interface{ check() error }); ok {
		if err := c.check(); err != nil {
			return err
		}
	}
	if !(s.Dropout >= 0 && s.Dropout < 1) {
		return &SettingError{Setting: "Dropout", Value: s.Dropout, Reason: "must be in [0, 1)"}
	}
	if s.Dropout > 0 && s.DropoutRand == nil {
		return &SettingError{Setting: "DropoutRand", Value: "nil", Reason: "dropout needs a random source for its masks"}
	}
	return nil
}

// Train runs mini-batch stochastic gradient descent over data (the
// cookbook, one Step per mini-batch) as s says. It stops at the end of the
// current mini-batch when ctx is done, and returns ctx's error; the network
// keeps the weights of the last completed mini-batch. If a NaN or Inf
// appears, training stops with a *DivergedError and the network gets back
// the weights it had at the start of that epoch.
func (n *Network) Train(ctx context.Context, data Samples, s Settings) error {
	if err := n.checkModel(); err != nil {
		return err
	}
	if err := s.Check(); err != nil {
		return err
	}
	if err := n.checkSamples("training", data); err != nil {
		return err
	}
	if s.Eval != nil {
		if err := n.checkSamples("evaluation", s.Eval); err != nil {
			return err
		}
	}
	t := newTrainer(n, data, s)
	defer t.stopShards()
	eta, since := s.LearningRate, 0
	for epoch := 1; epoch <= s.Epochs; epoch++ {
		start := time.Now()
		cost, err := t.epoch(ctx, epoch, eta)
		if err != nil {
			return err
		}
		n.record(s, t.s.StepRule)
		report := EpochReport{Epoch: epoch, LearningRate: eta, Duration: time.Since(start), TrainCost: cost}
		if s.MonitorTraining {
			report.Train = n.evaluateL2(data, s.Lambda)
		}
		if s.Eval != nil {
			report.Eval = n.evaluateL2(s.Eval, s.Lambda)
			if report.Best = epoch == 1 || report.Eval.Accuracy() > t.bestAccuracy; report.Best {
				t.bestAccuracy, since = report.Eval.Accuracy(), 0
				t.keepBest()
			} else {
				since++
			}
		}
		if s.Report != nil {
			if err := s.Report(report); err != nil {
				return err
			}
		}
		stop := s.Patience > 0 && since >= s.Patience
		if s.Schedule != nil {
			var done bool
			eta, done = s.Schedule.Next(report)
			stop = stop || done
		}
		if stop {
			break
		}
	}
	if s.Patience > 0 {
		t.restoreBest()
	}
	return nil
}

// record notes in n.Trained the epoch just run and how.
func (n *Network) record(s Settings, rule StepRule) {
	n.Trained.Epochs++
	n.Trained.BatchSize, n.Trained.LearningRate, n.Trained.Lambda = s.BatchSize, s.LearningRate, s.Lambda
	n.Trained.StepRule, n.Trained.Dropout, n.Trained.Schedule = rule.Name(), s.Dropout, ""
	if s.Schedule != nil {
		n.Trained.Schedule = s.Schedule.Name()
	}
}

// trainer holds what one Train call reuses from epoch to epoch.
type trainer struct {
	net    *Network
	data   Samples
	n      int // samples
	s      Settings
	order  []int       // sample order of the current epoch, when gathering
	gather *gatherer   // copies the samples, unless a Dataset is read in place
	view   *Dataset    // the data read in place, when it is not gathered
	xv, yv mat.Dense   // the current mini-batch, a view of rows
	decay  float64     // λ/n
	goodW  [][]float64 // weights at the start of the epoch
	goodB  [][]float64
	drop   *dropout // the dropout of the steps, if any

	// A step in blocks (blocked.go): the sums of the weights, the block's
	// rows of the gathered batch, and its pass on the network's rows.
	sums   []mat.Dense
	bx, by mat.Dense
	block  batchPass

	// A sharded step (sharded.go): how many shards the network allows (0
	// for none), the shards and the goroutines that run them, once a step
	// needs them, and the running step.
	shardCount int
	shardParts []shard
	crew       *crew
	shardArgs  shardArgs
	prefetch   Prefetcher      // the samples, if they prefetch
	bytes      ByteSamples     // and if their inputs are bytes,
	allBytes   mat.ScaledBytes // these
	shardBLAS  mat.Tuned       // the network's, on one thread
	maps       batchMaps       // the maps of the mini-batches' zeros

	bestAccuracy float64     // on Eval, when watching it
	bestW, bestB [][]float64 // the best network on Eval, with Patience
}

func newTrainer(n *Network, data Samples, s Settings) *trainer {
	count, _, _ := data.Dims()
	t := &trainer{net: n, data: data, n: count, s: s, decay: s.Lambda / float64(count)}
	if t.s.StepRule == nil {
		t.s.StepRule = SGD{}
	}
	// A Dataset in its own order is read in place; everything else is
	// gathered, in the epoch's order, a mini-batch at a time.
	if d, ok := data.(*Dataset); ok && s.Shuffle == nil {
		t.view = d
	} else {
		t.order = inOrder(count)
		t.gather = &gatherer{}
	}
	t.goodW, t.goodB = n.paramBuffers()
	if s.Patience > 0 {
		t.bestW, t.bestB = n.paramBuffers()
	}
	if s.Dropout > 0 {
		t.drop = &dropout{rate: s.Dropout, rng: s.DropoutRand}
	}
	t.shardCount = t.shardable()
	t.prefetch, _ = data.(Prefetcher)
	if b, ok := data.(ByteSamples); ok {
		t.bytes, t.allBytes = b, b.Bytes()
	}
	return t
}

// paramBuffers returns buffers shaped like the weights and biases.
func (n *Network) paramBuffers() (w, b [][]float64) {
	for _, l := range n.layers {
		w = append(w, make([]float64, len(l.w.RawMatrix().Data)))
		b = append(b, make([]float64, l.b.Len()))
	}
	return w, b
}

// copyParams copies the weights and biases into or out of buffers.
func (n *Network) copyParams(w, b [][]float64, out bool) {
	for i, l := range n.layers {
		if out {
			copy(w[i], l.w.RawMatrix().Data)
			copy(b[i], l.b.RawVector().Data)
		} else {
			copy(l.w.RawMatrix().Data, w[i])
			copy(l.b.RawVector().Data, b[i])
		}
	}
}

func (t *trainer) keepBest() {
	if t.bestW != nil {
		t.net.copyParams(t.bestW, t.bestB, true)
	}
}

func (t *trainer) restoreBest() { t.net.copyParams(t.bestW, t.bestB, false) }

// epoch runs one pass over the data and returns the mean training cost.
func (t *trainer) epoch(ctx context.Context, epoch int, eta float64) (float64, error) {
	n, total, m := t.net, t.n, t.s.BatchSize
	t.saveGood()
	if t.gather != nil && t.s.Shuffle != nil {
		t.s.Shuffle.Shuffle(len(t.order), func(i, j int) { t.order[i], t.order[j] = t.order[j], t.order[i] })
	}
	done := ctx.Done()
	var cost float64
	for step, from := 1, 0; from < total; step, from = step+1, from+m {
		select {
		case <-done:
			return 0, ctx.Err()
		default:
		}
		to := min(from+m, total)
		c, err := t.step(from, to, eta)
		if err != nil {
			return 0, err
		}
		if math.IsNaN(c) || math.IsInf(c, 0) {
			t.restoreGood()
			return 0, &DivergedError{Epoch: epoch, Step: step}
		}
		cost += c * float64(to-from)
		if t.s.Progress != nil {
			t.s.Progress(to, total)
		}
	}
	// An infinite weight can leave every output finite (σ saturates), so
	// the weights themselves are checked once an epoch.
	for _, l := range n.layers {
		if checkFinite("weights", l.w) != nil || checkFiniteVec("biases", l.b) != nil {
			t.restoreGood()
			return 0, &DivergedError{Epoch: epoch, Step: (total + m - 1) / m}
		}
	}
	return cost / float64(total), nil
}

// step does the step on samples [from, to) of the epoch's order and
// returns their cost.
func (t *trainer) step(from, to int, eta float64) (float64, error) {
	if t.blocks(to - from) {
		return t.blockedStep(from, to, eta)
	}
	if t.shards(to - from) {
		return t.shardedStep(from, to, eta)
	}
	if t.gather != nil {
		t.gather.batch(&t.xv, &t.yv, t.data, t.order[from:to])
	} else {
		mat.ViewRows(&t.xv, t.view.X, from, to)
		mat.ViewRows(&t.yv, t.view.Y, from, to)
	}
	// Dropout applies to the steps only, not to the evaluations between.
	t.net.batch.dropout = t.drop
	cost, err := t.net.StepWith(t.s.StepRule, &t.xv, &t.yv, eta, t.decay)
	t.net.batch.dropout = nil
	return cost, err
}

func (t *trainer) saveGood()    { t.net.copyParams(t.goodW, t.goodB, true) }
func (t *trainer) restoreGood() { t.net.copyParams(t.goodW, t.goodB, false) }
