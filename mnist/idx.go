package mnist

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// FormatError reports IDX data that is not well formed.
type FormatError struct {
	Reason string
}

// Error says what is wrong with the data.
func (e *FormatError) Error() string { return "mnist: invalid IDX data: " + e.Reason }

func formatError(format string, args ...any) error {
	return &FormatError{Reason: fmt.Sprintf(format, args...)}
}

// IDX is the content of an IDX file of unsigned bytes, the format MNIST is
// distributed in: the sizes of its dimensions, then the elements in
// row-major order.
type IDX struct {
	Dims []int
	Data []byte
}

// idxUnsignedByte is the IDX element type of MNIST, unsigned 8-bit.
const idxUnsignedByte = 0x08

// maxElements bounds what a header may claim, so that a few corrupt bytes
// cannot ask for gigabytes. MNIST's largest file has 47,040,000.
const maxElements = 1 << 28

// ReadIDX reads IDX data of unsigned bytes from r, plain or gzip-compressed
// (told apart by gzip's magic number). It returns a *FormatError for a bad
// magic number, an element type other than unsigned byte, no dimensions, a
// header that claims more than 2^28 elements, truncated data or data after
// the end; and r's own errors as they are.
func ReadIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, formatError("gzip header: %v", err)
		}
		zr.Multistream(false)
		return readIDX(&members{br: br, zr: zr})
	}
	return readIDX(br)
}

// members reads the gzip members of a file one after another as one
// stream, as zcat does with a file that concatenating gzip files made, and
// reports anything after a member that is not another member.
type members struct {
	br *bufio.Reader
	zr *gzip.Reader
}

func (m *members) Read(p []byte) (int, error) {
	n, err := m.zr.Read(p)
	if err != io.EOF {
		return n, err
	}
	if _, err := m.br.Peek(1); err == io.EOF {
		return n, io.EOF
	}
	if magic, _ := m.br.Peek(2); len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return n, formatError("data after the end of the gzip stream")
	}
	if err := m.zr.Reset(m.br); err != nil {
		return n, formatError("gzip header of a later member: %v", err)
	}
	m.zr.Multistream(false)
	if n > 0 {
		return n, nil
	}
	return m.Read(p)
}

func readIDX(r io.Reader) (*IDX, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, truncated("magic number", err)
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, formatError("magic number %#02x%02x%02x%02x does not start with two zero bytes", head[0], head[1], head[2], head[3])
	}
	if head[2] != idxUnsignedByte {
		return nil, formatError("element type %#02x, only unsigned bytes (0x08) are supported", head[2])
	}
	ndims := int(head[3])
	if ndims == 0 {
		return nil, formatError("no dimensions")
	}
	sizes := make([]byte, 4*ndims)
	if _, err := io.ReadFull(r, sizes); err != nil {
		return nil, truncated("dimension sizes", err)
	}
	idx := &IDX{Dims: make([]int, ndims)}
	total := 1
	for i := range idx.Dims {
		d := int(binary.BigEndian.Uint32(sizes[4*i:]))
		idx.Dims[i] = d
		if d != 0 && total > maxElements/d {
			return nil, formatError("dimensions %v claim more than %d elements", idx.Dims[:i+1], maxElements)
		}
		total *= d
	}
	// The buffer grows with the data that actually arrives, so a short
	// file that claims much allocates little.
	var data bytes.Buffer
	data.Grow(min(total, 1<<20))
	n, err := data.ReadFrom(io.LimitReader(r, int64(total)))
	if err == nil && int(n) < total {
		err = io.ErrUnexpectedEOF
	}
	if err != nil && int(n) == total {
		// All the data came, but not the end of the gzip stream after it.
		return nil, truncated("gzip stream after the data", err)
	}
	if err != nil {
		return nil, truncated(fmt.Sprintf("data: %d of the %d bytes that dimensions %v hold", n, total, idx.Dims), err)
	}
	idx.Data = data.Bytes()
	// Reading past the end also makes gzip check its checksum.
	var extra [1]byte
	if n, err := r.Read(extra[:]); n > 0 {
		return nil, formatError("data after the %d elements that dimensions %v hold", total, idx.Dims)
	} else if err != nil && err != io.EOF {
		return nil, truncated("gzip stream after the data", err)
	}
	return idx, nil
}

// truncated turns an early end of data into a FormatError and passes other
// errors through.
func truncated(what string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return formatError("truncated %s", what)
	}
	return gzipError(err)
}

// gzipError turns gzip's complaints about a stream into a FormatError.
func gzipError(err error) error {
	var corrupt flate.CorruptInputError
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, &corrupt) {
		return formatError("gzip: %v", err)
	}
	return err
}
