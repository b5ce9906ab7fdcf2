package mnist_test

import (
	"log"
	"math/rand/v2"
	"os"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

// The README's snippet that classifies a picture, after the setup it
// leaves out (a trained network would come from nn.LoadFile).
func Example_readmeClassify() {
	net, err := nn.New([]int{784, 30, 10}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		log.Fatal(err)
	}
	file, err := os.Open("../cmd/predict/testdata/digits/pen-3.png")
	if err != nil {
		log.Fatal(err)
	}
	defer file.Close()

	img, err := mnist.Decode(file) // PNG, JPEG or GIF
	if err != nil {
		log.Fatal(err)
	}
	row, err := mnist.Preprocess(img) // 784 values in [0, 1], made as MNIST's digits were
	if err != nil {
		log.Fatal(err)
	}
	out := mat.NewVecDense(10, nil)
	if err := net.FeedForward(out, mat.NewVecDense(784, row)); err != nil {
		log.Fatal(err)
	}
}
