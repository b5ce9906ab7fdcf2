package nn_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// TestLargeBatchesTrainAlike checks the step in blocks that gathered
// mini-batches of 256 samples or more take: its weights, biases and costs
// are those of the whole batch read in place, bit for bit, at batch sizes
// that end in a short block, with L2 and the other cost, on one thread
// and on two. The blocks' sums land where the whole batch's do only if
// each block adds into the same sums in the same order.
func TestLargeBatchesTrainAlike(t *testing.T) {
	sizes := []int{40, 24, 10}
	x, y := randomBatch(sizes, 2600, 77)
	data := &nn.Dataset{X: x, Y: y}
	for _, tc := range []struct {
		batch   int
		lambda  float64
		cost    nn.Cost
		threads int
	}{
		{256, 0, nn.Quadratic{}, 1},
		{300, 0, nn.Quadratic{}, 2},
		{1000, 5, nn.Quadratic{}, 1},
		{1003, 0, nn.CrossEntropy{}, 2},
		{2600, 1, nn.CrossEntropy{}, 1},
	} {
		name := fmt.Sprintf("batch %d, λ %g, %s, %d threads", tc.batch, tc.lambda, tc.cost.Name(), tc.threads)
		var nets [2]*nn.Network
		var costs [2][]float64
		for i, samples := range []nn.Samples{data, gathered{data}} {
			nets[i] = mustNew(t, sizes, 8)
			nets[i].Cost = tc.cost
			nets[i].BLAS = mat.Tuned{Threads: tc.threads}
			s := nn.Settings{Epochs: 3, BatchSize: tc.batch, LearningRate: 0.5, Lambda: tc.lambda}
			s.Report = func(r nn.EpochReport) error { costs[i] = append(costs[i], r.TrainCost); return nil }
			if err := nets[i].Train(context.Background(), samples, s); err != nil {
				t.Fatal(err)
			}
		}
		sameParams(t, nets[1], nets[0], 0, name+": the blocks' step differs from the whole batch's")
		for e := range costs[0] {
			if costs[0][e] != costs[1][e] {
				t.Errorf("%s, epoch %d: cost %v in blocks, %v whole", name, e+1, costs[1][e], costs[0][e])
			}
		}
	}
}
