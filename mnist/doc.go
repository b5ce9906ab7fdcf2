// Package mnist holds the MNIST database of handwritten digits, embedded in
// the package so that nothing needs downloading, and reads it and other
// data in the IDX format.
//
// MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges; the
// four files in data/ are the original distribution, unchanged (their
// SHA-256 sums are checked by the tests). See the repository's README for
// the credit and licence.
//
// [Load] splits the data the way the seed's reference implementation does:
// the first 50,000 training images for training, the last 10,000 for
// validation, and the 10,000 test images for testing. [Set.Samples] gives a
// set to package nn as it is, one byte a pixel, and makes each sample's
// row (pixels scaled to [0, 1]) and one-hot target only when training or
// evaluation gathers it; [Set.Dataset] makes the whole set into float64
// matrices, eight times the memory, for code that wants the matrices.
package mnist
