package mnist_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/vzorecky/backprop/mnist"
)

func readTestIDX(t testing.TB, name string) (*mnist.IDX, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return mnist.ReadIDX(f)
}

func TestReadIDXPlainAndGzip(t *testing.T) {
	for _, name := range []string{"images.idx", "images.idx.gz", "multi-member.idx.gz"} {
		t.Run(name, func(t *testing.T) {
			idx, err := readTestIDX(t, name)
			if err != nil {
				t.Fatal(err)
			}
			if len(idx.Dims) != 3 || idx.Dims[0] != 3 || idx.Dims[1] != 2 || idx.Dims[2] != 2 {
				t.Errorf("dims %v, want [3 2 2]", idx.Dims)
			}
			want := []byte{0, 255, 128, 1, 2, 3, 4, 5, 250, 0, 0, 9}
			if !bytes.Equal(idx.Data, want) {
				t.Errorf("data %v, want %v", idx.Data, want)
			}
		})
	}
}

func TestReadIDXBrokenFiles(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad-magic.idx", "magic number 0x08030801"},
		{"wrong-type.idx", "element type 0x0d"},
		{"no-dims.idx", "no dimensions"},
		{"truncated-header.idx", "truncated dimension sizes"},
		{"truncated-data.idx", "truncated data: 9 of the 12 bytes"},
		{"truncated.idx.gz", "truncated"},
		{"trailing.idx", "data after the 12 elements"},
		{"trailing.idx.gz", "data after the end of the gzip stream"},
		{"trailing-member.idx.gz", "data after the 12 elements"},
		{"bad-checksum.idx.gz", "gzip: gzip: invalid checksum"},
		{"no-gzip-trailer.idx.gz", "truncated gzip stream after the data"},
		{"absurd-header.idx", "claim more than"},
		{"huge-claim.idx", "truncated data: 0 of the 200000000 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := readTestIDX(t, tt.file)
			var fe *mnist.FormatError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a FormatError saying %q", err, tt.want)
			}
		})
	}
}

func TestReadIDXSmallFileClaimingMuchAllocatesLittle(t *testing.T) {
	data, err := os.ReadFile("testdata/huge-claim.idx")
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = mnist.ReadIDX(bytes.NewReader(data))
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a 12-byte file claiming 200,000,000 bytes was read")
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("reading a 12-byte file allocated %d bytes", got)
	}
}

// TestNewSetChecksMadeIDX checks IDX values made in code, whose Dims need
// not match their data.
func TestNewSetChecksMadeIDX(t *testing.T) {
	labels := &mnist.IDX{Dims: []int{2}, Data: []byte{1, 2}}
	tests := []struct {
		images, labels *mnist.IDX
		want           string
	}{
		{&mnist.IDX{Dims: []int{2, 2, 2}, Data: make([]byte, 7)}, labels, "need 8 bytes of images, the data has 7"},
		{&mnist.IDX{Dims: []int{2, 2, 2}, Data: make([]byte, 12)}, labels, "need 8 bytes of images, the data has 12"},
		{&mnist.IDX{Dims: []int{2, 2, 2}, Data: make([]byte, 8)}, &mnist.IDX{Dims: []int{2}, Data: []byte{1}}, "2 labels but 1 bytes"},
	}
	for _, tt := range tests {
		_, err := mnist.NewSet(tt.images, tt.labels)
		var fe *mnist.FormatError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want a FormatError saying %q", err, tt.want)
		}
	}
}

func TestNewSetErrors(t *testing.T) {
	tests := []struct{ images, labels, want string }{
		{"labels.idx", "labels.idx", "images have 1 dimensions"},
		{"images.idx", "images.idx", "labels have 3 dimensions"},
		{"images.idx", "labels-2.idx", "3 images but 2 labels"},
		{"images.idx", "labels-out-of-range.idx", "label 1 is 12"},
		{"zero-pixels.idx", "labels.idx", "images of 0×2 pixels"},
		{"zero-images.idx", "zero-labels.idx", "no images"},
	}
	for _, tt := range tests {
		t.Run(tt.images+"+"+tt.labels, func(t *testing.T) {
			images, err := readTestIDX(t, tt.images)
			if err != nil {
				t.Fatal(err)
			}
			labels, err := readTestIDX(t, tt.labels)
			if err != nil {
				t.Fatal(err)
			}
			_, err = mnist.NewSet(images, labels)
			var fe *mnist.FormatError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a FormatError saying %q", err, tt.want)
			}
		})
	}
}

func FuzzReadIDX(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join("testdata", e.Name())); err == nil && !e.IsDir() {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		idx, err := mnist.ReadIDX(bytes.NewReader(data))
		if err != nil {
			var fe *mnist.FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is not a FormatError", err, err)
			}
			return
		}
		total := 1
		for _, d := range idx.Dims {
			total *= d
		}
		if len(idx.Data) != total {
			t.Fatalf("dims %v but %d bytes of data", idx.Dims, len(idx.Data))
		}
	})
}
