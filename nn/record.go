package nn

// TrainingRecord says how a network was initialised and trained, as far
// as this package saw it: New and NewInit set Init, Train adds its epochs
// and settings, and model files keep it. Only a network this package
// trained has it; a network from NewFromParams starts with the zero record.
type TrainingRecord struct {
	Init         Init    `json:"init,omitempty"`          // how the weights were drawn
	Epochs       int     `json:"epochs"`                  // completed, over every Train call
	BatchSize    int     `json:"batch_size,omitempty"`    // of the last Train call
	LearningRate float64 `json:"learning_rate,omitempty"` // of the last Train call
	Lambda       float64 `json:"lambda,omitempty"`        // L2 of the last Train call
	StepRule     string  `json:"step_rule,omitempty"`     // StepRule.Name() of the last Train call
	Schedule     string  `json:"schedule,omitempty"`      // Schedule.Name() of the last Train call
	Dropout      float64 `json:"dropout,omitempty"`       // of the last Train call
}
