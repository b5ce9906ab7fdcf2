package mnist_test

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"

	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// The README's first snippet: train the seed's network on MNIST. It has
// no Output line, so go test compiles it without running 30 epochs.
func Example_readme() {
	data, err := mnist.Load() // the embedded copy, split 50k/10k/10k
	if err != nil {
		log.Fatal(err)
	}
	train, valid := data.Train.Samples(), data.Validation.Samples() // one byte a pixel

	net, err := nn.New([]int{784, 30, 10}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		log.Fatal(err)
	}
	err = net.Train(context.Background(), train, nn.Settings{
		Epochs: 30, BatchSize: 10, LearningRate: 3.0,
		Shuffle: rand.New(rand.NewPCG(1, 2)),
		Eval:    valid,
		Report: func(r nn.EpochReport) error {
			fmt.Printf("epoch %d: %.2f%%\n", r.Epoch, 100*r.Eval.Accuracy())
			return nil
		},
	})
	if err != nil {
		log.Fatal(err)
	}
}

// The README's chapter 3 snippet, after the setup it leaves out.
func Example_readmeChapter3() {
	ctx, rng := context.Background(), rand.New(rand.NewPCG(1, 2))
	data, err := mnist.Load()
	if err != nil {
		log.Fatal(err)
	}
	train := data.Train.Samples()

	net, err := nn.NewInit([]int{784, 100, 10}, nn.InitHe, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		log.Fatal(err)
	}
	net.SetActivations(nn.ReLU{}, nn.Softmax{}) // hidden layers, output layer
	net.Cost = nn.LogLikelihood{}               // with softmax: δ^L = a − y
	err = net.Train(ctx, train, nn.Settings{Epochs: 30, BatchSize: 10, LearningRate: 0.1, Lambda: 5, Shuffle: rng})
	if err != nil {
		log.Fatal(err)
	}
}
