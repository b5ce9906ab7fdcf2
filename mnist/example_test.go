package mnist_test

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"log"

	"github.com/vzorecky/backprop/mnist"
)

// Load the embedded MNIST, split as the reference does, and turn a set
// into the form package nn trains on.
func ExampleLoad() {
	data, err := mnist.Load()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(data.Train.Len(), data.Validation.Len(), data.Test.Len())
	first := data.Train.Slice(0, 1).Dataset()
	r, c := first.X.Dims()
	fmt.Printf("X is %d×%d, label %d, one-hot %v\n", r, c, data.Train.Labels[0], first.Y.RawMatrix().Data)
	// Output:
	// 50000 10000 10000
	// X is 1×784, label 5, one-hot [0 0 0 0 0 1 0 0 0 0]
}

// Classify a picture of a digit: Decode reads the file, Preprocess makes
// it an input row as MNIST's digits were made, and a network trained on
// MNIST reads the row.
func ExamplePreprocess() {
	// A stand-in for a file of the user's: a black stroke, 6×60 pixels, on
	// a white page of 200×100.
	page := image.NewGray(image.Rect(0, 0, 200, 100))
	draw.Draw(page, page.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(page, image.Rect(150, 30, 156, 90), image.Black, image.Point{}, draw.Src)
	var file bytes.Buffer
	if err := png.Encode(&file, page); err != nil {
		log.Fatal(err)
	}

	img, err := mnist.Decode(&file) // e.g. from os.Open("digit.png")
	if err != nil {
		log.Fatal(err)
	}
	row, err := mnist.Preprocess(img)
	if err != nil {
		log.Fatal(err)
	}
	// Scaled to 20 pixels tall (2 wide), centred in 28×28.
	for y := 2; y < 28; y += 4 {
		fmt.Println(row[y*28+12 : y*28+17])
	}
	// With a trained network: net.FeedForward(out, mat.NewVecDense(mnist.Pixels, row)).

	// Output:
	// [0 0 0 0 0]
	// [0 0 1 1 0]
	// [0 0 1 1 0]
	// [0 0 1 1 0]
	// [0 0 1 1 0]
	// [0 0 1 1 0]
	// [0 0 0 0 0]
}
