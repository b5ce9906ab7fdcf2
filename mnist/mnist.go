package mnist

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/nn"
)

//go:embed data/*.gz
var embedded embed.FS

// The names of the four MNIST files, as distributed.
const (
	TrainImagesFile = "train-images-idx3-ubyte.gz"
	TrainLabelsFile = "train-labels-idx1-ubyte.gz"
	TestImagesFile  = "t10k-images-idx3-ubyte.gz"
	TestLabelsFile  = "t10k-labels-idx1-ubyte.gz"
)

// ValidationSize is how many images at the end of the training file make
// up the validation set.
const ValidationSize = 10000

// Classes is the number of classes, the digits 0 to 9: the output layer of
// a network that reads MNIST.
const Classes = 10

// Pixels is the number of pixels of an MNIST image, 28×28: the input layer
// of a network that reads MNIST.
const Pixels = 28 * 28

// Set is a set of labelled grey-scale images.
type Set struct {
	Rows, Cols int
	// Pixels holds the images one after another, each row by row, one byte
	// a pixel from 0 (background) to 255 (ink).
	Pixels []byte
	// Labels holds the digit each image shows.
	Labels []byte
}

// Len returns the number of images.
func (s *Set) Len() int { return len(s.Labels) }

// Slice returns images [from, to) of s, sharing its memory.
func (s *Set) Slice(from, to int) *Set {
	size := s.Rows * s.Cols
	return &Set{Rows: s.Rows, Cols: s.Cols, Pixels: s.Pixels[from*size : to*size], Labels: s.Labels[from:to]}
}

// Dataset returns s in the form package nn trains on: one image per row
// of X with pixels scaled to [0, 1], and the one-hot target of its label in
// the same row of Y.
func (s *Set) Dataset() *nn.Dataset {
	if !s.usable() {
		// Nothing a network can use; nn says so when it is given it.
		return &nn.Dataset{X: &mat.Dense{}, Y: &mat.Dense{}}
	}
	n, size := s.Len(), s.Rows*s.Cols
	x := make([]float64, n*size)
	for i, p := range s.Pixels[:n*size] {
		x[i] = float64(p) / 255
	}
	y := make([]float64, n*Classes)
	for i, l := range s.Labels {
		y[i*Classes+int(l)] = 1
	}
	return &nn.Dataset{X: mat.NewDense(n, size, x), Y: mat.NewDense(n, Classes, y)}
}

// Samples returns s in the form package nn trains on, as Dataset does,
// but without copying it: each image becomes a row of pixels scaled to
// [0, 1], and its label a one-hot row, only when training or evaluation
// gathers it. The set stays one byte a pixel, an eighth of a Dataset.
// A Set that NewSet would refuse gives no samples, which nn reports.
func (s *Set) Samples() nn.Samples {
	if !s.usable() {
		return samples{}
	}
	return samples{s}
}

// usable reports whether s holds images and labels as NewSet makes them:
// a Set built by hand need not.
func (s *Set) usable() bool {
	n, size := s.Len(), s.Rows*s.Cols
	return n > 0 && size > 0 && len(s.Pixels) == n*size && !slices.ContainsFunc(s.Labels, func(l byte) bool { return l >= Classes })
}

// pixels makes a pixel value v the float64 v/255 in [0, 1], exactly as
// Dataset computes it, without dividing.
var pixels = mat.NewByteScale(255)

// samples is a Set as nn.Samples.
type samples struct{ set *Set }

func (p samples) Dims() (n, in, out int) {
	if p.set == nil {
		return 0, 0, 0
	}
	return p.set.Len(), p.set.Rows * p.set.Cols, Classes
}

// Gather writes the images of the given indices as rows of x, scaled to
// [0, 1] as Dataset scales them, and their one-hot labels as rows of y.
func (p samples) Gather(x, y *mat.Dense, indices []int) {
	size := p.set.Rows * p.set.Cols
	xr, yr := x.RawMatrix(), y.RawMatrix()
	p.Prefetch(indices)
	for r, i := range indices {
		pixels.Expand(xr.Data[r*xr.Stride:r*xr.Stride+size], p.set.Pixels[i*size:(i+1)*size])
		p.oneHot(yr.Data[r*yr.Stride:r*yr.Stride+Classes], i)
	}
}

// Bytes returns the images as they are, one a row, with the scale
// Gather applies.
func (p samples) Bytes() mat.ScaledBytes {
	size := p.set.Rows * p.set.Cols
	return mat.ScaledBytes{Rows: p.set.Len(), Cols: size, Stride: size, Data: p.set.Pixels, Scale: pixels}
}

// GatherTargets writes the one-hot labels of the given indices as rows of
// y.
func (p samples) GatherTargets(y *mat.Dense, indices []int) {
	yr := y.RawMatrix()
	for r, i := range indices {
		p.oneHot(yr.Data[r*yr.Stride:r*yr.Stride+Classes], i)
	}
}

// oneHot sets hot to sample i's label, one-hot.
func (p samples) oneHot(hot []float64, i int) {
	clear(hot)
	hot[p.set.Labels[i]] = 1
}

// Prefetch reads a byte of every cache line of the images of the given
// indices, and their labels. Shuffled, the images come from all over the
// set, each from main memory; reading them first starts all those loads
// at once instead of one image after another.
func (p samples) Prefetch(indices []int) {
	size := p.set.Rows * p.set.Cols
	var touch byte
	for _, i := range indices {
		image := p.set.Pixels[i*size : (i+1)*size]
		for o := 0; o < len(image); o += 64 {
			touch |= image[o]
		}
		touch |= p.set.Labels[i]
	}
	runtime.KeepAlive(touch)
}

// MapZeros makes nz the map of the images Gather writes for the given
// indices: a group of eight pixels is blank exactly when its eight bytes
// are zero, which is cheaper to test than the float64 row.
func (p samples) MapZeros(nz *mat.NonzeroGroups, indices []int) {
	size := p.set.Rows * p.set.Cols
	nz.Reset(len(indices), size)
	for r, i := range indices {
		nz.FindBytes(r, p.set.Pixels[i*size:(i+1)*size])
	}
}

// Data is MNIST split into training, validation and test sets.
type Data struct {
	Train, Validation, Test *Set
}

// Load returns the MNIST data embedded in this package.
func Load() (*Data, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadDir reads the four MNIST files from the folder dir: named as
// TrainImagesFile and so on, or the same names without ".gz" for unpacked
// files. Either kind may be compressed or not; ReadIDX tells them apart.
func LoadDir(dir string) (*Data, error) {
	return LoadFS(os.DirFS(dir))
}

// LoadFS reads the four MNIST files from fsys and splits them: the last
// ValidationSize training images are the validation set.
func LoadFS(fsys fs.FS) (*Data, error) {
	train, err := readSet(fsys, TrainImagesFile, TrainLabelsFile)
	if err != nil {
		return nil, err
	}
	test, err := readSet(fsys, TestImagesFile, TestLabelsFile)
	if err != nil {
		return nil, err
	}
	if train.Rows != test.Rows || train.Cols != test.Cols {
		return nil, formatError("%s holds %d×%d images but %s %d×%d", TrainImagesFile, train.Rows, train.Cols, TestImagesFile, test.Rows, test.Cols)
	}
	n := train.Len()
	if n <= ValidationSize {
		return nil, fmt.Errorf("mnist: %s has %d images, more than the %d validation images are needed", TrainImagesFile, n, ValidationSize)
	}
	return &Data{Train: train.Slice(0, n-ValidationSize), Validation: train.Slice(n-ValidationSize, n), Test: test}, nil
}

// readSet reads an images file and its labels file.
func readSet(fsys fs.FS, imagesName, labelsName string) (*Set, error) {
	images, err := readFile(fsys, imagesName)
	if err != nil {
		return nil, err
	}
	labels, err := readFile(fsys, labelsName)
	if err != nil {
		return nil, err
	}
	set, err := NewSet(images, labels)
	if err != nil {
		return nil, fmt.Errorf("%s and %s: %w", imagesName, labelsName, err)
	}
	return set, nil
}

// readFile reads the IDX file name, or if there is none, the same name
// without ".gz": MNIST is often kept unpacked.
func readFile(fsys fs.FS, name string) (*IDX, error) {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		if plain, perr := fsys.Open(strings.TrimSuffix(name, ".gz")); perr == nil {
			f, err, name = plain, nil, strings.TrimSuffix(name, ".gz")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("mnist: %w", err)
	}
	defer f.Close()
	idx, err := ReadIDX(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return idx, nil
}

// NewSet pairs an images IDX (three dimensions: count, rows, columns) with
// a labels IDX (one dimension: count, each a digit 0–9). It returns a
// *FormatError if the shapes are wrong, the counts differ or a label is
// not a digit.
func NewSet(images, labels *IDX) (*Set, error) {
	if len(images.Dims) != 3 {
		return nil, formatError("images have %d dimensions, want 3 (count, rows, columns)", len(images.Dims))
	}
	if len(labels.Dims) != 1 {
		return nil, formatError("labels have %d dimensions, want 1", len(labels.Dims))
	}
	if images.Dims[1] == 0 || images.Dims[2] == 0 {
		return nil, formatError("images of %d×%d pixels", images.Dims[1], images.Dims[2])
	}
	if images.Dims[0] == 0 {
		return nil, formatError("no images")
	}
	if images.Dims[0] != labels.Dims[0] {
		return nil, formatError("%d images but %d labels", images.Dims[0], labels.Dims[0])
	}
	// An IDX made in code, not read, may not hold what its Dims say.
	if n, size := images.Dims[0], images.Dims[1]*images.Dims[2]; len(images.Data)/size != n || len(images.Data)%size != 0 {
		return nil, formatError("dimensions %v need %d bytes of images, the data has %d", images.Dims, n*size, len(images.Data))
	}
	if len(labels.Data) != labels.Dims[0] {
		return nil, formatError("%d labels but %d bytes of them", labels.Dims[0], len(labels.Data))
	}
	for i, l := range labels.Data {
		if l >= Classes {
			return nil, formatError("label %d is %d, not a digit", i, l)
		}
	}
	return &Set{Rows: images.Dims[1], Cols: images.Dims[2], Pixels: images.Data, Labels: labels.Data}, nil
}
