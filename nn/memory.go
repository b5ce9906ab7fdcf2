package nn

import "runtime"

// MemoryNeeded returns about how many bytes training a network of the
// given layer sizes in mini-batches of m samples takes, besides the
// training data: the parameters, the copy Train keeps to restore them
// after a divergence, the work buffers of a batch (which evaluation,
// 500 samples at a time, may grow), of one sample, and of a gathered
// mini-batch, from 256 samples a mini-batch a copy of the weights for a
// step in blocks, and for a step shared between cores (a mini-batch, or
// a shorter last one, below 256) another gathered mini-batch for every
// other core (runtime.GOMAXPROCS). It returns −1 for sizes New would
// refuse. A step rule with state adds what it keeps.
func MemoryNeeded(sizes []int, m int) int64 {
	if checkSizes(sizes) != nil || m < 1 {
		return -1
	}
	params, neurons := CountParams(sizes), int64(0)
	for _, s := range sizes[1:] {
		neurons += int64(s)
	}
	rows := int64(max(m, evalChunk))
	ends := int64(sizes[0] + sizes[len(sizes)-1]) // an input and a target
	floats := 2*params +                          // the parameters and their copy
		3*rows*neurons + 3*neurons + // z, a and δ of a batch and of a sample
		(int64(m)+rows)*ends // the gathered mini-batch and evaluation's batch
	if m >= 2*blockRows {
		floats += params // the sums of a step in blocks (weights and biases, an upper bound)
	}
	if cores := int64(runtime.GOMAXPROCS(0)); cores > 1 {
		// A sharded step, on mini-batches below the blocks' sizes (the
		// last, shorter one too): every other core's gathered mini-batch,
		// and the shards' own z, a and errors of the first layer.
		sharded := int64(min(m, 2*blockRows-1))
		floats += (cores-1)*sharded*ends + 3*sharded*int64(sizes[1])
	}
	return 8 * floats
}

// CountParams returns the number of weights and biases of a network of
// the given layer sizes.
func CountParams(sizes []int) int64 {
	var params int64
	for l := 1; l < len(sizes); l++ {
		params += int64(sizes[l-1]+1) * int64(sizes[l])
	}
	return params
}
