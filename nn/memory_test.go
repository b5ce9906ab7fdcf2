package nn_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/vzorecky/backprop/nn"
)

// TestMemoryNeededCoversTraining trains a network big enough for its
// buffers to dominate and checks that what it allocated, new and over one
// epoch with evaluation, stays within MemoryNeeded and is not far below it.
func TestMemoryNeededCoversTraining(t *testing.T) {
	for _, tc := range []struct {
		sizes []int
		batch int
	}{
		{[]int{300, 400, 10}, 20},
		{[]int{300, 40, 10}, 300}, // a step in blocks
	} {
		x, y := randomBatch(tc.sizes, 1000, 3)
		data := &nn.Dataset{X: x, Y: y}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		net := mustNew(t, tc.sizes, 1)
		err := net.Train(context.Background(), data, nn.Settings{Epochs: 1, BatchSize: tc.batch, LearningRate: 0.1, Shuffle: newRand(2), Eval: data})
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		used, need := int64(after.TotalAlloc-before.TotalAlloc), nn.MemoryNeeded(tc.sizes, tc.batch)
		t.Logf("%v at batch %d: allocated %d bytes, MemoryNeeded %d", tc.sizes, tc.batch, used, need)
		if used > need || used < need/2 {
			t.Errorf("%v at batch %d: training allocated %d bytes, MemoryNeeded says %d", tc.sizes, tc.batch, used, need)
		}
	}
	if nn.MemoryNeeded([]int{3}, 10) != -1 || nn.MemoryNeeded([]int{3, 2}, 0) != -1 {
		t.Error("MemoryNeeded accepts sizes or a batch New and Train refuse")
	}
}
