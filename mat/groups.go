package mat

import (
	"encoding/binary"
	"fmt"
	"math"
)

// NonzeroGroups maps where the nonzeros of a matrix can be, for the sparse
// kernels of Tuned.MulABT and Tuned.MulATB: one bit for each group of
// eight columns of each row, bit g of row i for columns 8g to 8g+7 (the
// last group is shorter when the columns are not a multiple of 8). A clear
// bit promises that the group holds only zeros, +0 or −0; a set bit
// promises nothing, so a map with every bit set is always right, and only
// slower.
//
// Tuned's Dgemm searches its operand for these groups in every product.
// A map found once serves both products of a training step, and one made
// while the data is still compact costs less than a search of the
// float64 rows: package mnist marks the groups whose eight bytes are not
// all zero as it gathers a mini-batch ([NonzeroGroups.FindBytes]).
//
// The zero value is an empty map; Reset or Find sizes it, reusing its
// storage when it has room.
type NonzeroGroups struct {
	rows, cols int
	words      int      // per row
	bits       []uint64 // row i's words are bits[i·words : (i+1)·words]
}

// groupWords returns how many words hold the bits of cols columns.
func groupWords(cols int) int { return (cols + 8*64 - 1) / (8 * 64) }

// Reset makes g the map of a rows×cols matrix with every bit clear: every
// group all zero. It panics if a dimension is negative.
func (g *NonzeroGroups) Reset(rows, cols int) {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("mat: NonzeroGroups.Reset: dimensions %d×%d", rows, cols))
	}
	g.rows, g.cols, g.words = rows, cols, groupWords(cols)
	n := rows * g.words
	if cap(g.bits) < n {
		g.bits = make([]uint64, n)
	}
	g.bits = g.bits[:n]
	clear(g.bits)
}

// Dims returns the dimensions of the matrix g maps.
func (g *NonzeroGroups) Dims() (rows, cols int) { return g.rows, g.cols }

// Nonzero reports whether group j of row i (columns 8j to 8j+7) may hold
// a nonzero: whether its bit is set.
func (g *NonzeroGroups) Nonzero(i, j int) bool {
	g.checkGroup("Nonzero", i, j)
	return g.bits[i*g.words+j/64]&(1<<(j%64)) != 0
}

// Set sets the bit of group j of row i: it may hold a nonzero.
func (g *NonzeroGroups) Set(i, j int) {
	g.checkGroup("Set", i, j)
	g.bits[i*g.words+j/64] |= 1 << (j % 64)
}

func (g *NonzeroGroups) checkGroup(routine string, i, j int) {
	if i < 0 || i >= g.rows || j < 0 || j >= (g.cols+7)/8 {
		panic(fmt.Sprintf("mat: NonzeroGroups.%s: group %d of row %d out of a %d×%d map", routine, j, i, g.rows, g.cols))
	}
}

// Find makes g the map of a, setting exactly the bits of the groups that
// hold a value other than +0: a −0 counts, as it does in Dgemm's own
// search.
func (g *NonzeroGroups) Find(a *Dense) {
	raw := a.RawMatrix()
	g.Reset(raw.Rows, raw.Cols)
	for i := range raw.Rows {
		row, out := raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols], g.row(i)
		for w := range out {
			span := row[w*512 : min(len(row), (w+1)*512)]
			word, j := nonzeroGroupsVector(span)
			for ; j < len(span); j += 8 {
				for _, v := range span[j:min(j+8, len(span))] {
					word |= nonzero(math.Float64bits(v)) << (j / 8)
				}
			}
			out[w] = word
		}
	}
}

// FindBytes sets the bits of row i to those of the groups of eight bytes
// of row that are not all zero: the map of the row ByteScale.Expand makes
// of it, in which only a zero byte becomes a zero. It panics unless row
// has as many bytes as g's matrix has columns.
func (g *NonzeroGroups) FindBytes(i int, row []byte) {
	if i < 0 || i >= g.rows || len(row) != g.cols {
		panic(fmt.Sprintf("mat: NonzeroGroups.FindBytes: row %d of %d bytes in a %d×%d map", i, len(row), g.rows, g.cols))
	}
	out := g.row(i)
	for w := range out {
		span := row[w*512 : min(len(row), (w+1)*512)]
		word, j := byteGroupsVector(span)
		for ; j+8 <= len(span); j += 8 {
			word |= nonzero(binary.LittleEndian.Uint64(span[j:])) << (j / 8)
		}
		if j < len(span) {
			var last [8]byte
			copy(last[:], span[j:])
			word |= nonzero(binary.LittleEndian.Uint64(last[:])) << (j / 8)
		}
		out[w] = word
	}
}

// nonzero returns 1 if x != 0, else 0, without a branch: the blank and
// inked groups of a digit follow no pattern a branch predictor could learn.
func nonzero(x uint64) uint64 { return (x | -x) >> 63 }

// row returns row i's words.
func (g *NonzeroGroups) row(i int) []uint64 { return g.bits[i*g.words : (i+1)*g.words] }
