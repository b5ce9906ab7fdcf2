package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"github.com/vzorecky/backprop/internal/cli"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

const usageText = `usage: predict -model FILE [-json] IMAGE...

Classifies pictures of handwritten digits (PNG, JPEG or GIF; any size;
dark ink on light paper, or light on dark) with a model saved by
"train -out FILE". Each picture is prepared as MNIST's digits were:
cropped to the ink, scaled to fit 20×20 pixels and centred by its centre
of mass in 28×28. Prints the digit and the network's ten outputs per
picture.

Flags:
`

// result is what predict says about one file.
type result struct {
	File    string    `json:"file"`
	Digit   *int      `json:"digit,omitempty"`   // nil when the file could not be classified
	Outputs []float64 `json:"outputs,omitempty"` // one per digit
	Error   string    `json:"error,omitempty"`
}

// run is the whole command, with its arguments (without the program name)
// and output streams passed in so that tests can call it.
func run(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("predict", flag.ContinueOnError)
	model := flags.String("model", "", "the model to classify with: a `file` saved by train -out (or network2.py's JSON)")
	asJSON := flags.Bool("json", false, "print one JSON array: per file, its digit and outputs, or its error")
	if err := cli.Parse(flags, args, usageText, stderr); err != nil {
		return err
	}
	if *model == "" {
		return cli.Usagef("-model is missing: train a model first, e.g. go run ./cmd/train -out m.json")
	}
	if flags.NArg() == 0 {
		return cli.Usagef("no images: name one or more PNG, JPEG or GIF files after the flags")
	}
	net, err := cli.LoadModel(*model)
	if err != nil {
		return err
	}

	results := make([]result, flags.NArg())
	var failed int
	for i, file := range flags.Args() {
		results[i] = classifyFile(net, file)
		r := &results[i]
		if r.Error != "" {
			failed++
			fmt.Fprintf(stderr, "predict: %s: %s\n", file, r.Error)
		} else if !*asJSON {
			fmt.Fprintf(stdout, "%s  digit %d  outputs", file, *r.Digit)
			for d, v := range r.Outputs {
				fmt.Fprintf(stdout, " %d:%.3f", d, v)
			}
			fmt.Fprintln(stdout)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d images could not be classified", failed, len(results))
	}
	return nil
}

// classifyFile reads, prepares and classifies one picture.
func classifyFile(net *nn.Network, path string) result {
	r := result{File: path}
	row, err := prepare(path)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	out := mat.NewVecDense(mnist.Classes, nil)
	if err := net.FeedForward(out, mat.NewVecDense(mnist.Pixels, row)); err != nil {
		r.Error = err.Error()
		return r
	}
	r.Outputs = out.RawVector().Data
	digit := slices.Index(r.Outputs, slices.Max(r.Outputs))
	r.Digit = &digit
	return r
}

func prepare(path string) ([]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err // the line names the file already
		}
		return nil, err
	}
	defer f.Close()
	img, err := mnist.Decode(f)
	if err != nil {
		return nil, err
	}
	return mnist.Preprocess(img)
}
