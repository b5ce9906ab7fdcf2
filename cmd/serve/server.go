package main

import (
	"bytes"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"

	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

//go:embed static
var static embed.FS

// Limits on a drawing: a pad's PNG is a few kilobytes, a photograph's JPEG
// a few megabytes; anything larger is refused before it is decoded.
const maxRequestBytes = 4 << 20

var imageLimits = mnist.Limits{Bytes: maxRequestBytes, Pixels: 16e6}

// server answers the page's requests with one network, which it only
// reads (nn.Network.Trace), so that requests can run at once.
type server struct {
	net   *nn.Network
	model modelInfo
}

// modelInfo is what /api/model says about the network.
type modelInfo struct {
	Sizes       []int    `json:"sizes"`
	Activations []string `json:"activations"` // per layer after the input
	Cost        string   `json:"cost"`
}

// predictRequest is the body of POST /api/predict.
type predictRequest struct {
	// Image is a PNG, JPEG or GIF in base64, bare or as a data: URL
	// (canvas.toDataURL gives one).
	Image string `json:"image"`
}

// predictResponse is what the network makes of a drawing.
type predictResponse struct {
	Digit   int       `json:"digit"`   // the largest output's index
	Outputs []float64 `json:"outputs"` // one per digit
	Input   []float64 `json:"input"`   // the 28×28 pixels the network reads, row by row
	Layers  []layer   `json:"layers"`  // every layer after the input; the last one's values are Outputs
}

type layer struct {
	Activation string    `json:"activation"`
	Values     []float64 `json:"values"`
}

// newHandler returns the page and its API for net, which must read MNIST
// (mnist.CheckSizes).
func newHandler(net *nn.Network) http.Handler {
	s := &server{net: net, model: modelInfo{Sizes: net.Sizes(), Cost: net.EffectiveCost().Name()}}
	for _, a := range net.EffectiveActivations() {
		s.model.Activations = append(s.model.Activations, a.Name())
	}
	page, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded folder is there, or the build failed
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServerFS(page))
	mux.HandleFunc("/api/model", s.serveModel)
	mux.HandleFunc("/api/predict", s.predict)
	return headers(mux)
}

// headers adds the headers every answer gets: nothing is loaded from
// other hosts, nothing is framed or sniffed.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

func (s *server) serveModel(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet) {
		return
	}
	writeJSON(w, http.StatusOK, s.model)
}

func (s *server) predict(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodPost) {
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send application/json", ct))
		return
	}
	var req predictRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than %d MB", maxRequestBytes>>20))
			return
		}
		writeError(w, http.StatusBadRequest, "malformed JSON: "+err.Error())
		return
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "malformed JSON: more than one object")
		return
	}
	row, status, err := prepare(req.Image)
	if err != nil {
		writeError(w, status, err.Error())
		return
	}
	as, err := s.net.Trace(mat.NewVecDense(mnist.Pixels, row))
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	resp := predictResponse{Input: row}
	for i, a := range as {
		resp.Layers = append(resp.Layers, layer{Activation: s.model.Activations[i], Values: a.RawVector().Data})
	}
	resp.Outputs = resp.Layers[len(resp.Layers)-1].Values
	resp.Digit = slices.Index(resp.Outputs, slices.Max(resp.Outputs))
	writeJSON(w, http.StatusOK, resp)
}

// prepare decodes a request's image and makes it an MNIST row, or says
// what is wrong with it and with which status.
func prepare(encoded string) ([]float64, int, error) {
	if encoded == "" {
		return nil, http.StatusBadRequest, errors.New(`"image" is missing: send {"image": "data:image/png;base64,…"}`)
	}
	if strings.HasPrefix(encoded, "data:") {
		_, data, ok := strings.Cut(encoded, ";base64,")
		if !ok {
			return nil, http.StatusBadRequest, errors.New(`"image": a data: URL must be base64 ("data:image/png;base64,…")`)
		}
		encoded = data
	}
	data, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf(`"image" is not base64: %v`, err)
	}
	img, err := imageLimits.Decode(bytes.NewReader(data))
	if errors.Is(err, mnist.ErrTooLarge) {
		return nil, http.StatusRequestEntityTooLarge, fmt.Errorf(`"image": %v`, err)
	}
	if err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf(`"image": %v`, err)
	}
	row, err := mnist.Preprocess(img)
	if errors.Is(err, mnist.ErrBlank) {
		return nil, http.StatusUnprocessableEntity, errors.New("the drawing is blank: draw a digit")
	}
	if err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf(`"image": %v`, err)
	}
	return row, 0, nil
}

// allow answers a request of another method with 405 and the method
// allowed, and reports whether r may go on.
func allow(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == method {
		return true
	}
	w.Header().Set("Allow", method)
	writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, method))
	return false
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // a write error means the client left
}
