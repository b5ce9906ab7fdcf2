package mnist_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

func TestEmbeddedFilesAreTheOriginals(t *testing.T) {
	want := map[string]string{
		mnist.TrainImagesFile: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
		mnist.TrainLabelsFile: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
		mnist.TestImagesFile:  "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
		mnist.TestLabelsFile:  "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
	}
	for name, sum := range want {
		data, err := os.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: SHA-256 %x, want %s", name, got, sum)
		}
	}
}

func TestLoadEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all of MNIST")
	}
	d, err := mnist.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		name      string
		set       *mnist.Set
		n         int
		firstDigs string
	}{
		// The first labels of each set, as Python's gzip module reads them.
		{"train", d.Train, 50000, "5041921314"},
		{"validation", d.Validation, 10000, "3869645384"},
		{"test", d.Test, 10000, "7210414959"},
	} {
		if s.set.Len() != s.n || s.set.Rows != 28 || s.set.Cols != 28 || len(s.set.Pixels) != s.n*784 {
			t.Errorf("%s: %d images of %d×%d, want %d of 28×28", s.name, s.set.Len(), s.set.Rows, s.set.Cols, s.n)
		}
		var first strings.Builder
		for _, l := range s.set.Labels[:10] {
			first.WriteByte('0' + l)
		}
		if first.String() != s.firstDigs {
			t.Errorf("%s: first labels %s, want %s", s.name, first.String(), s.firstDigs)
		}
	}
}

func TestDataset(t *testing.T) {
	set := &mnist.Set{Rows: 1, Cols: 2, Pixels: []byte{0, 255, 51, 102}, Labels: []byte{3, 9}}
	d := set.Dataset()
	wantX := []float64{0, 1, 0.2, 0.4}
	for i, v := range d.X.RawMatrix().Data {
		if v != wantX[i] {
			t.Errorf("X[%d] = %v, want %v", i, v, wantX[i])
		}
	}
	if r, c := d.Y.Dims(); r != 2 || c != 10 {
		t.Fatalf("Y is %d×%d, want 2×10", r, c)
	}
	for i, label := range set.Labels {
		for j := range 10 {
			want := 0.0
			if j == int(label) {
				want = 1
			}
			if d.Y.At(i, j) != want {
				t.Errorf("Y[%d][%d] = %v, want %v", i, j, d.Y.At(i, j), want)
			}
		}
	}
}

// TestSamplesGatherAsDataset checks that the bytes gather to exactly the
// rows Dataset makes, in any order, on the real test set, prefetched or
// not, and as bytes in place (nn.ByteSamples), expanded.
func TestSamplesGatherAsDataset(t *testing.T) {
	data, err := mnist.Load()
	if err != nil {
		t.Fatal(err)
	}
	set := data.Test
	d, s := set.Dataset(), set.Samples()
	if n, in, out := s.Dims(); n != set.Len() || in != mnist.Pixels || out != mnist.Classes {
		t.Fatalf("Dims() = %d, %d, %d", n, in, out)
	}
	indices := []int{9999, 0, 17, 17, 5000}
	x, y := mat.NewDense(len(indices), mnist.Pixels, nil), mat.NewDense(len(indices), mnist.Classes, nil)
	y.Apply(func(int, int, float64) float64 { return 7 }, y) // Gather must clear the old rows
	pre, ok := s.(nn.Prefetcher)
	if !ok {
		t.Fatal("the samples do not prefetch")
	}
	pre.Prefetch(indices) // reads, and changes nothing
	pre.Prefetch(nil)
	s.Gather(x, y, indices)
	for r, i := range indices {
		if !mat.EqualApprox(x.RowView(r), d.X.RowView(i), 0) || !mat.EqualApprox(y.RowView(r), d.Y.RowView(i), 0) {
			t.Errorf("row %d (sample %d) differs from the Dataset's", r, i)
		}
	}

	// The bytes, picked by the indices and expanded, are the same rows;
	// the targets are gathered alone.
	compact, ok := s.(nn.ByteSamples)
	if !ok {
		t.Fatal("the samples do not show their bytes")
	}
	b := compact.Bytes()
	b.Rows, b.Index = len(indices), indices
	var expanded mat.Dense
	b.Expand(&expanded)
	y.Apply(func(int, int, float64) float64 { return 7 }, y)
	compact.GatherTargets(y, indices)
	for r, i := range indices {
		if !mat.EqualApprox(expanded.RowView(r), d.X.RowView(i), 0) || !mat.EqualApprox(y.RowView(r), d.Y.RowView(i), 0) {
			t.Errorf("bytes and targets: row %d (sample %d) differs from the Dataset's", r, i)
		}
	}
}

// TestSamplesMapZerosAsFind checks that the map the samples make from
// their bytes is the one Find makes of the gathered rows, on the whole
// test set, whose digits leave about three groups of eight pixels in five
// blank.
func TestSamplesMapZerosAsFind(t *testing.T) {
	data, err := mnist.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := data.Test.Samples()
	mapper, ok := s.(nn.ZeroMapper)
	if !ok {
		t.Fatal("the samples do not map their zeros")
	}
	indices := make([]int, data.Test.Len())
	for i := range indices {
		indices[i] = len(indices) - 1 - i
	}
	x, y := mat.NewDense(len(indices), mnist.Pixels, nil), mat.NewDense(len(indices), mnist.Classes, nil)
	s.Gather(x, y, indices)
	var got, want mat.NonzeroGroups
	mapper.MapZeros(&got, indices)
	want.Find(x)
	blank := 0
	for r := range indices {
		for g := range mnist.Pixels / 8 {
			if got.Nonzero(r, g) != want.Nonzero(r, g) {
				t.Fatalf("image %d, group %d: the map says %v, Find %v", indices[r], g, got.Nonzero(r, g), want.Nonzero(r, g))
			}
			if !got.Nonzero(r, g) {
				blank++
			}
		}
	}
	if share := float64(blank) / float64(len(indices)*mnist.Pixels/8); share < 0.5 || share > 0.7 {
		t.Errorf("%.2f of the groups blank; a digit leaves about 0.6", share)
	}
}

// TestDatasetOfNothing checks that a set that holds nothing gives a data
// set nn refuses with an error, not a panic.
func TestDatasetOfNothing(t *testing.T) {
	bad := []*mnist.Set{
		{},
		{Rows: 28, Cols: 28, Labels: []byte{1}},
		{Rows: 28, Cols: 28, Pixels: make([]byte, 784), Labels: []byte{10}},
	}
	net, err := nn.New([]int{784, 10}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range bad {
		if _, err := net.Evaluate(s.Samples()); !errors.Is(err, nn.ErrNoSamples) {
			t.Errorf("%+v: Evaluate(Samples) err = %v, want ErrNoSamples", s, err)
		}
	}
	for _, s := range bad {
		if _, err := net.Evaluate(s.Dataset()); !errors.Is(err, nn.ErrNoSamples) {
			t.Errorf("%+v: Evaluate(Dataset) err = %v, want ErrNoSamples", s, err)
		}
	}
}

func TestLoadFSErrors(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	good := fstest.MapFS{
		mnist.TrainImagesFile: {Data: read("images.idx.gz")},
		mnist.TrainLabelsFile: {Data: read("labels.idx")},
		mnist.TestImagesFile:  {Data: read("images.idx")},
		mnist.TestLabelsFile:  {Data: read("labels.idx")},
	}
	with := func(name, file string) fstest.MapFS {
		fsys := fstest.MapFS{}
		for k, v := range good {
			fsys[k] = v
		}
		if file == "" {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: read(file)}
		}
		return fsys
	}
	// unpacked renames the files as gunzip leaves them.
	unpacked := func(fsys fstest.MapFS) fstest.MapFS {
		out := fstest.MapFS{}
		for k, v := range fsys {
			out[strings.TrimSuffix(k, ".gz")] = v
		}
		return out
	}
	tests := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"too few for validation", good, "has 3 images, more than the 10000"},
		{"unpacked names", unpacked(good), "has 3 images, more than the 10000"},
		{"missing file", with(mnist.TestLabelsFile, ""), "file does not exist"},
		{"broken file", with(mnist.TestImagesFile, "trailing.idx"), mnist.TestImagesFile + ": mnist: invalid IDX data: data after"},
		{"count mismatch", with(mnist.TrainLabelsFile, "labels-2.idx"), mnist.TrainImagesFile + " and " + mnist.TrainLabelsFile + ": mnist: invalid IDX data: 3 images but 2 labels"},
		{"empty test set", with(mnist.TestImagesFile, "zero-images.idx"), mnist.TestImagesFile + " and " + mnist.TestLabelsFile + ": mnist: invalid IDX data: no images"},
		{"image sizes differ", with(mnist.TestImagesFile, "images-1x4.idx"), "holds 2×2 images but " + mnist.TestImagesFile + " 1×4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mnist.LoadFS(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
	if _, err := mnist.LoadDir("testdata/no-such-folder"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadDir of a missing folder: err = %v, want fs.ErrNotExist", err)
	}
}
