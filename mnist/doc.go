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
//
// A picture of a digit that is not MNIST's, a photograph or a drawing of
// any size, becomes an input row for a network trained on MNIST through
// [Decode] (PNG, JPEG or GIF, with limits on size) and [Preprocess], which
// prepares it as MNIST's digits were prepared: cropped to the ink, scaled
// to fit 20×20 pixels and centred by its centre of mass in 28×28.
// [Set.Image] gives an MNIST image back as a picture.
package mnist
