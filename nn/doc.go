// Package nn is a feedforward neural network trained by backpropagation and
// mini-batch stochastic gradient descent: the formulas of the project's
// seed (FORMULAS.md), sigmoid activation, quadratic cost and N(0, 1)
// weights by default, and the tools of chapter 3 of Nielsen's book:
// cross-entropy and log-likelihood costs, softmax, tanh, ReLU and identity
// activations per layer, scaled, He and Glorot initialisation, L2
// regularisation.
//
// # Layers and notation
//
// A network of sizes [n1, n2, …, nL] has L layers; layer 1 is the input. The
// weight matrix w^l feeds layer l (rows = neurons of layer l, columns =
// neurons of layer l−1) and b^l is its bias vector, for l = 2 … L. In Go
// slices these are index l−2: the first matrix Params returns is w^2.
//
// # One sample per row
//
// A data set and a mini-batch hold one sample per row: X is m×n1 and Y is
// m×nL. The seed stacks samples as columns (Z = W·A + b·1ᵀ); this package
// stores the transposes of those matrices, so that one sample is one
// contiguous row of gonum's row-major storage and the products are long dot
// products and axpys. In that layout the cookbook reads
//
//	Zᵀ = Aᵀ·Wᵀ + 1·bᵀ                 (F3, one matrix product per layer)
//	Δᵀ(L) = ∇ₐC ⊙ σ'(Zᵀ(L))            (BP1)
//	Δᵀ(l) = (Δᵀ(l+1)·W(l+1)) ⊙ σ'(Zᵀ(l)) (BP2)
//	∂C/∂W(l) = Δ(l)·Aᵀ(l−1) = (Δᵀ(l))ᵀ·Aᵀ(l−1)  (BP3, summed over the batch)
//	∂C/∂b(l) = the sum of the rows of Δᵀ(l)  (BP4, summed over the batch)
//
// A single sample's forward pass ([Network.FeedForward]) is one MulVec per
// layer, as in the seed's F2. The forward and backward passes are written
// once and run on either a batch (one matrix product per layer) or one
// sample (MulVec and rank-1 updates, [Network.AddSampleGradient]); only the
// products differ.
//
// # What a network is made of
//
//   - Layers: each layer after the input holds its weights w^l and biases
//     b^l; [Network.Activations] holds each one's σ.
//   - An [Activation] works on whole matrices, one sample per row, so that
//     an activation that mixes a row ([Softmax]) fits as well as an
//     element-wise one ([Sigmoid], [Tanh], [ReLU], [Identity]).
//   - A [Cost] gives C_x and ∇ₐC_x per sample ([Quadratic], [CrossEntropy],
//     [LogLikelihood]). The output error δ^L is ∇ₐC ⊙ σ'(z^L) unless the
//     cost is an [OutputErrorer] with a direct form for the output
//     activation (cross-entropy with sigmoid, log-likelihood with softmax:
//     δ^L = a − y). A cost that is an [OutputChecker] refuses outputs it
//     cannot take: cross-entropy and log-likelihood need sigmoid or
//     softmax. Softmax may only be the output layer's.
//   - [NewInit] draws the initial weights as an [Init] says; [New] is the
//     seed's N(0, 1).
//   - A [StepRule] turns each mini-batch's gradient into a step ([SGD],
//     the seed's rule, by default); it reads the gradient through
//     [LayerUpdate.WeightGradient] and [LayerUpdate.BiasGradient], so SGD
//     needs no gradient buffer at all, and L2's weight decay is the beta of
//     the same product.
//     Besides [SGD] there are [Momentum] (with Nesterov's variant) and
//     [Adam]; L2 is coupled into the gradient for SGD and momentum, as
//     network2.py does, and decoupled for Adam, as AdamW does.
//   - [Settings] chooses how training goes: a [Schedule] for ξ
//     ([StepDecay], the book's [Plateau]), early stopping (Patience, which
//     keeps the best network on Eval) and dropout of hidden neurons.
//   - The products go through a gonum BLAS, [Network.BLAS]: any
//     blas.Float64, mat.Default() when nil.
//
// # Errors and panics
//
// Everything that depends on data or settings returns an error: layer
// sizes, learning rate, batch size, shapes of inputs and targets, empty or
// non-finite data, divergence during training. The errors wrap the
// sentinels below, so errors.Is tells them apart. Passing Gradients that
// were made for another network is a programming error and panics with a
// message that starts with "nn: ".
//
// # Allocation and concurrency
//
// A Network keeps its work buffers: after the first call with a given batch
// size, FeedForward, Gradient, Step and every mini-batch of Train allocate
// nothing (an epoch makes a handful of small allocations to start it). For
// the same reason a Network is not safe for concurrent use, with one
// exception: [Network.Trace] makes its own buffers and only reads the
// parameters, so any number of goroutines may call it at once (a server
// answering requests: cmd/serve), as long as nothing trains or changes
// the network meanwhile.
//
// Train and Evaluate read [Samples]: a [Dataset] of float64 matrices,
// read in place when not shuffled, or a compact form such as
// mnist.Set.Samples, which keeps one byte a pixel. Samples that are
// shuffled or compact are gathered a mini-batch at a time, just before its
// step and on the same goroutine, so that the rows are in the cache of
// the core that multiplies them. The default products (mat.Tuned) run
// large products on every core; a mini-batch of fewer than 256 samples is
// shared between the cores by the first layer's neurons instead, each
// core gathering the mini-batch itself (so Gather may be called
// concurrently); Samples that are also a [ZeroMapper] or a [Prefetcher]
// save each core its search for blank inputs, or its wait for the next
// mini-batch from memory, and [ByteSamples], whose inputs are bytes, let
// each core read the mini-batch's bytes where they are, with no gather.
// All give the same results, bit for bit, on any number of cores.
// Everything else runs on the caller's goroutine.
// [MemoryNeeded] says what training will allocate.
//
// # After training
//
// [Network.Evaluate] gives the cost and the accuracy on a data set,
// [Network.Confusion] which classes are taken for which (with each class's
// precision and recall), and [Network.Classify] each sample's predicted
// class and confidence, from which [Mistakes] picks the wrong answers,
// the most confident first.
package nn
