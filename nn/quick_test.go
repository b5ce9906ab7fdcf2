package nn_test

import (
	"context"
	"testing"

	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

func BenchmarkEpochQuick(b *testing.B) {
	d, _ := mnist.Load()
	train := d.Train.Dataset()
	for _, m := range []int{10, 100} {
		b.Run("batch="+itoa(m), func(b *testing.B) {
			net := mustNew(b, []int{784, 30, 10}, 1)
			rng := newRand(3)
			b.ReportAllocs()
			for b.Loop() {
				net.Train(context.Background(), train, nn.Settings{Epochs: 1, BatchSize: m, LearningRate: 3, Shuffle: rng})
			}
		})
	}
}
func itoa(i int) string { if i == 10 { return "10" }; return "100" }
