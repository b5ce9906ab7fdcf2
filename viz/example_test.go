package viz_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"log"

	"github.com/vzorecky/backprop/viz"
)

func ExampleLearningCurves() {
	chart := viz.LearningCurves{
		Title:      "[784 30 10], batch 10, η = 3",
		Costs:      []viz.Curve{{Name: "training cost", Values: []float64{0.062, 0.041, 0.035}}},
		Accuracies: []viz.Curve{{Name: "validation", Values: []float64{91.2, 93.0, 93.9}}},
	}
	var b bytes.Buffer // or a file: format, _ := viz.FormatOf(name)
	if err := chart.Write(&b, "png"); err != nil {
		log.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(img.Bounds().Size())
	// Output: (770,660)
}

func ExampleGrid() {
	digit := image.NewGray(image.Rect(0, 0, 28, 28)) // e.g. mnist.Set.Image(i)
	cells := []viz.Cell{{Image: digit, Caption: "4 as 9 .97"}, {Image: digit, Caption: "7 as 1 .88"}}
	img := viz.Grid{Title: "mistakes", Columns: 2, Scale: 2}.Draw(cells)
	fmt.Println(img.Bounds().Size())
	// Output: (164,112)
}
