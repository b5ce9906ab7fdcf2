package nn

import (
	"errors"
	"fmt"

	"github.com/vzorecky/backprop/mat"
)

// The sentinel errors wrapped by this package's errors.
var (
	// ErrLayerSizes reports fewer than two layers or a layer with no neurons.
	ErrLayerSizes = errors.New("nn: invalid layer sizes")
	// ErrShape reports inputs, targets or parameters whose shape does not
	// match the network.
	ErrShape = errors.New("nn: shape mismatch")
	// ErrSettings reports an invalid training setting.
	ErrSettings = errors.New("nn: invalid setting")
	// ErrNoSamples reports a data set or batch with no samples.
	ErrNoSamples = errors.New("nn: no samples")
	// ErrNotFinite reports a NaN or infinite value in data or parameters.
	ErrNotFinite = errors.New("nn: value not finite")
	// ErrDiverged reports that training produced NaN or infinite values.
	// The error returned is a *DivergedError.
	ErrDiverged = errors.New("nn: training diverged")
)

// SettingError reports a setting whose value cannot be used. It matches
// ErrSettings with errors.Is.
type SettingError struct {
	Setting string // the field of Settings, such as "BatchSize"
	Value   any    // the value it had
	Reason  string // what the value must be, such as "must be at least 1"
}

// Error says which setting is wrong and why.
func (e *SettingError) Error() string {
	return fmt.Sprintf("%v: %s %v: %s", ErrSettings, e.Setting, e.Value, e.Reason)
}

// Is reports whether target is ErrSettings.
func (e *SettingError) Is(target error) bool { return target == ErrSettings }

// DivergedError reports where training diverged. The network keeps the
// weights it had at the start of Epoch, the last ones known to be finite.
type DivergedError struct {
	Epoch int // the epoch, from 1
	Step  int // the mini-batch within the epoch, from 1, after which the divergence was seen
}

// Error says where training diverged and what the network kept.
func (e *DivergedError) Error() string {
	return fmt.Sprintf("nn: training diverged (NaN or Inf) at epoch %d, mini-batch %d; weights restored to the start of epoch %d", e.Epoch, e.Step, e.Epoch)
}

// Is reports whether target is ErrDiverged.
func (e *DivergedError) Is(target error) bool { return target == ErrDiverged }

// checkFinite returns an ErrNotFinite error that names what and where the
// first NaN or Inf of m is.
func checkFinite(what string, m *mat.Dense) error {
	raw := m.RawMatrix()
	for i := range raw.Rows {
		for j, v := range raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols] {
			if v-v != 0 { // true for NaN and ±Inf, and only for them
				return fmt.Errorf("%w: %s row %d column %d is %v", ErrNotFinite, what, i, j, v)
			}
		}
	}
	return nil
}

// checkFiniteVec is checkFinite for a vector.
func checkFiniteVec(what string, v *mat.VecDense) error {
	for i := range v.Len() {
		if x := v.AtVec(i); x-x != 0 {
			return fmt.Errorf("%w: %s element %d is %v", ErrNotFinite, what, i, x)
		}
	}
	return nil
}
