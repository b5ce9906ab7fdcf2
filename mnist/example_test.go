package mnist_test

import (
	"fmt"
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
