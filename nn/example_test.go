package nn_test

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

// Build a [2, 3, 1] network with N(0, 1) weights from a seeded source.
func ExampleNew() {
	net, err := nn.New([]int{2, 3, 1}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	weights, biases := net.Params()
	r, c := weights[0].Dims()
	fmt.Println("sizes:", net.Sizes())
	fmt.Printf("w^2 is %d×%d, b^2 has %d elements\n", r, c, biases[0].Len())
	// Output:
	// sizes: [2 3 1]
	// w^2 is 3×2, b^2 has 3 elements
}

// Train a small network on XOR, which no network without a hidden layer
// can learn, then predict.
func ExampleNetwork_Train() {
	data := &nn.Dataset{
		X: mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1}),
		Y: mat.NewDense(4, 1, []float64{0, 1, 1, 0}),
	}
	net, err := nn.New([]int{2, 4, 1}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	err = net.Train(context.Background(), data, nn.Settings{
		Epochs:       3000,
		BatchSize:    4,
		LearningRate: 3,
		Shuffle:      rand.New(rand.NewPCG(3, 4)),
		Eval:         data,
		Report: func(r nn.EpochReport) error {
			if r.Epoch%1000 == 0 {
				fmt.Printf("epoch %d: cost %.4f\n", r.Epoch, r.Eval.Cost)
			}
			return nil
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	var out mat.VecDense
	for _, x := range [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}} {
		if err := net.FeedForward(&out, mat.NewVecDense(2, x)); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%v → %.0f\n", x, out.AtVec(0))
	}
	// Output:
	// epoch 1000: cost 0.0011
	// epoch 2000: cost 0.0004
	// epoch 3000: cost 0.0003
	// [0 0] → 0
	// [0 1] → 1
	// [1 0] → 1
	// [1 1] → 0
}

// Drive training yourself: one SGD step on a mini-batch of your choosing,
// one sample per row.
func ExampleNetwork_Step() {
	net, err := nn.NewFromParams(
		[]*mat.Dense{mat.NewDense(1, 2, []float64{0.5, -0.5})},
		[]*mat.VecDense{mat.NewVecDense(1, []float64{0})},
	)
	if err != nil {
		log.Fatal(err)
	}
	x := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	y := mat.NewDense(2, 1, []float64{1, 0})
	for i := range 3 {
		cost, err := net.Step(x, y, 1.0)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("step %d: cost before %.4f\n", i+1, cost)
	}
	// Output:
	// step 1: cost before 0.0713
	// step 2: cost before 0.0674
	// step 3: cost before 0.0638
}

// Save a network and load it back; the file is written atomically.
func ExampleNetwork_SaveFile() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	net, err := nn.New([]int{3, 2}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(dir, "model.json")
	if err := net.SaveFile(path); err != nil {
		log.Fatal(err)
	}
	loaded, err := nn.LoadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loaded.Sizes(), loaded.Activations[0].Name(), loaded.Cost.Name())
	// Output:
	// [3 2] sigmoid quadratic
}

// Compute the gradients of a mini-batch without stepping, for an optimiser
// of your own.
func ExampleNetwork_Gradient() {
	net, err := nn.NewFromParams(
		[]*mat.Dense{mat.NewDense(1, 2, []float64{0.5, -0.5})},
		[]*mat.VecDense{mat.NewVecDense(1, []float64{0})},
	)
	if err != nil {
		log.Fatal(err)
	}
	var g nn.Gradients // empty: Gradient sizes it
	cost, err := net.Gradient(&g, mat.NewDense(1, 2, []float64{1, 0}), mat.NewDense(1, 1, []float64{1}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("cost %.4f, ∂C/∂w %.4f, ∂C/∂b %.4f\n", cost, g.Weights[0].RawMatrix().Data, g.Biases[0].RawVector().Data)
	net.AddScaled(-3, &g) // the SGD step of F7 and F8 with ξ = 3, m = 1
	// Output:
	// cost 0.0713, ∂C/∂w [-0.0887 0.0000], ∂C/∂b [-0.0887]
}

// Chapter 3 of Nielsen's book: ReLU hidden layer, softmax output with the
// log-likelihood cost (δ^L = a − y), He initialisation and L2
// regularisation, on XOR with one-hot targets.
func ExampleNewInit() {
	data := &nn.Dataset{
		X: mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1}),
		Y: mat.NewDense(4, 2, []float64{1, 0, 0, 1, 0, 1, 1, 0}),
	}
	net, err := nn.NewInit([]int{2, 8, 2}, nn.InitHe, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	net.SetActivations(nn.ReLU{}, nn.Softmax{})
	net.Cost = nn.LogLikelihood{}
	err = net.Train(context.Background(), data, nn.Settings{
		Epochs: 500, BatchSize: 4, LearningRate: 0.5, Lambda: 0.001,
	})
	if err != nil {
		log.Fatal(err)
	}
	e, err := net.Evaluate(data)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("accuracy %.0f%%, cost below 0.05: %t\n", 100*e.Accuracy(), e.Cost < 0.05)
	fmt.Printf("trained %d epochs, init %s, λ %v\n", net.Trained.Epochs, net.Trained.Init, net.Trained.Lambda)
	// Output:
	// accuracy 100%, cost below 0.05: true
	// trained 500 epochs, init he, λ 0.001
}

// Which classes a network takes for which: a [2, 3] network whose three
// outputs are σ(x₁), σ(x₂) and σ(−x₁ − x₂), on five samples.
func ExampleNetwork_Confusion() {
	w := mat.NewDense(3, 2, []float64{1, 0, 0, 1, -1, -1})
	net, err := nn.NewFromParams([]*mat.Dense{w}, []*mat.VecDense{mat.NewVecDense(3, nil)})
	if err != nil {
		log.Fatal(err)
	}
	d := &nn.Dataset{
		X: mat.NewDense(5, 2, []float64{2, 0, 0, 2, -1, -1, 3, 0, 0, 3}),
		Y: mat.NewDense(5, 3, []float64{1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0}),
	}
	c, err := net.Confusion(d)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(c)
	ps, err := net.Classify(d)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range nn.Mistakes(ps) {
		fmt.Printf("sample %d: class %d taken for %d, output %.3f\n", p.Index, p.Truth, p.Predicted, p.Confidence)
	}
	// Output:
	// true\pred      0     1     2   recall
	// 0              1     1     0    50.0%
	// 1              1     1     0    50.0%
	// 2              0     0     1   100.0%
	// precision  50.0% 50.0%  100%
	// sample 3: class 1 taken for 0, output 0.953
	// sample 1: class 0 taken for 1, output 0.881
}
