// Package viz draws what training produces, for people to look at:
// learning curves (the cost and the accuracy epoch by epoch, with gonum's
// plotting library, as SVG or PNG) and grids of captioned pictures, such
// as the digits a network gets wrong.
//
// Nothing here writes files: each drawing goes to an io.Writer or comes
// back as an image, so that a program can write it atomically, serve it
// or test it.
package viz
