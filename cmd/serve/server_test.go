package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vzorecky/backprop/internal/sketch"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

var (
	netOnce  sync.Once
	trained  *nn.Network
	trainErr error
)

// testNetwork returns a network trained once per test run: the seed's,
// three epochs on 20,000 images, about 92 % right.
func testNetwork(t *testing.T) *nn.Network {
	t.Helper()
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	netOnce.Do(func() {
		data, err := mnist.Load()
		if err != nil {
			trainErr = err
			return
		}
		if trained, trainErr = nn.New([]int{mnist.Pixels, 30, mnist.Classes}, rand.New(rand.NewPCG(1, 1))); trainErr != nil {
			return
		}
		s := nn.Settings{Epochs: 3, BatchSize: 10, LearningRate: 3, Shuffle: rand.New(rand.NewPCG(1, 2))}
		trainErr = trained.Train(t.Context(), data.Train.Slice(0, 20000).Samples(), s)
	})
	if trainErr != nil {
		t.Fatal(trainErr)
	}
	return trained
}

// drawing returns a digit drawn on a 280×280 pad as a data URL, as the
// page sends it.
func drawing(t *testing.T, digit int, seed uint64) string {
	return drawingOfSize(t, digit, seed, 280)
}

// drawingOfSize draws on a pad of size×size pixels.
func drawingOfSize(t *testing.T, digit int, seed uint64, size int) string {
	t.Helper()
	f := float64(size) / 280
	s := sketch.Style{
		Canvas: image.Pt(size, size), Pen: 22 * f, Slant: 0.1, Wobble: 4 * f, Seed: seed,
		Box: image.Rect(int(90*f), int(40*f), int(190*f), int(240*f)),
	}
	var b bytes.Buffer
	if err := png.Encode(&b, s.Draw(s.Place(sketch.Digit(digit)))); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

func post(t *testing.T, h http.Handler, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/api/predict", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func request(image string) string {
	b, _ := json.Marshal(predictRequest{Image: image})
	return string(b)
}

// TestPredict sends drawn digits and checks the answer's shape and that
// it is what the library computes from the same preprocessed input.
func TestPredict(t *testing.T) {
	net := testNetwork(t)
	h := newHandler(net)
	for digit := range 10 {
		w := post(t, h, request(drawing(t, digit, uint64(digit))))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("digit %d: status %d, Content-Type %q: %s", digit, w.Code, w.Header().Get("Content-Type"), w.Body)
		}
		var got predictResponse
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Input) != 784 || len(got.Layers) != 2 || len(got.Layers[0].Values) != 30 || len(got.Outputs) != 10 ||
			got.Layers[0].Activation != "sigmoid" || !slices.Equal(got.Outputs, got.Layers[1].Values) {
			t.Fatalf("digit %d: answer of the wrong shape: %d inputs, %d layers, %d outputs", digit, len(got.Input), len(got.Layers), len(got.Outputs))
		}
		out := mat.NewVecDense(10, nil)
		if err := net.FeedForward(out, mat.NewVecDense(784, slices.Clone(got.Input))); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Outputs, out.RawVector().Data) || got.Digit != slices.Index(got.Outputs, slices.Max(got.Outputs)) {
			t.Errorf("digit %d: outputs %v (digit %d), FeedForward of its input %v", digit, got.Outputs, got.Digit, out.RawVector().Data)
		}
		if got.Digit != digit {
			t.Logf("drawn %d, the small test network says %d", digit, got.Digit)
		}
	}
}

func TestModel(t *testing.T) {
	net, err := nn.New([]int{784, 16, 10}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	net.SetActivations(nn.ReLU{}, nn.Softmax{})
	w := httptest.NewRecorder()
	newHandler(net).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/model", nil))
	want := `{"sizes":[784,16,10],"activations":["relu","softmax"],"cost":"quadratic"}` + "\n"
	if w.Code != http.StatusOK || w.Body.String() != want {
		t.Errorf("status %d, %s; want 200, %s", w.Code, w.Body, want)
	}
}

// TestBadRequests checks that every malformed request gets its 4xx and a
// JSON error that says what is wrong.
func TestBadRequests(t *testing.T) {
	net, err := nn.New([]int{784, 16, 10}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	h := newHandler(net)
	var blank bytes.Buffer
	png.Encode(&blank, image.NewGray(image.Rect(0, 0, 280, 280)))
	huge := pngHeader(5000, 5000)
	for _, tt := range []struct {
		name, method, contentType, body string
		status                          int
		want                            string
	}{
		{"wrong method", http.MethodGet, "", "", http.StatusMethodNotAllowed, "GET /api/predict: use POST"},
		{"put", http.MethodPut, "application/json", "{}", http.StatusMethodNotAllowed, "use POST"},
		{"not JSON", http.MethodPost, "text/plain", "hello", http.StatusUnsupportedMediaType, `Content-Type "text/plain": send application/json`},
		{"malformed", http.MethodPost, "application/json", `{"image": `, http.StatusBadRequest, "malformed JSON"},
		{"unknown field", http.MethodPost, "application/json", `{"picture": "x"}`, http.StatusBadRequest, `unknown field "picture"`},
		{"wrong type", http.MethodPost, "application/json", `{"image": 3}`, http.StatusBadRequest, "malformed JSON"},
		{"two objects", http.MethodPost, "application/json", `{"image": "a"} {"image": "b"}`, http.StatusBadRequest, "more than one object"},
		{"no image", http.MethodPost, "application/json", `{}`, http.StatusBadRequest, `"image" is missing`},
		{"not base64", http.MethodPost, "application/json", request("data:image/png;base64,@@@"), http.StatusBadRequest, "not base64"},
		{"data URL not base64", http.MethodPost, "application/json", request("data:image/png,abc"), http.StatusBadRequest, "must be base64"},
		{"not an image", http.MethodPost, "application/json", request(base64.StdEncoding.EncodeToString([]byte("hello"))), http.StatusBadRequest, "not a PNG, JPEG or GIF image"},
		{"blank", http.MethodPost, "application/json", request(base64.StdEncoding.EncodeToString(blank.Bytes())), http.StatusUnprocessableEntity, "the drawing is blank"},
		{"too many pixels", http.MethodPost, "application/json", request(base64.StdEncoding.EncodeToString(huge)), http.StatusRequestEntityTooLarge, "5000×5000 pixels"},
		{"oversized", http.MethodPost, "application/json", `{"image": "` + strings.Repeat("A", maxRequestBytes) + `"}`, http.StatusRequestEntityTooLarge, "larger than 4 MB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/api/predict", strings.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			var body struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("not a JSON error: %q", w.Body)
			}
			if w.Code != tt.status || !strings.Contains(body.Error, tt.want) {
				t.Errorf("status %d, error %q; want %d, %q", w.Code, body.Error, tt.status, tt.want)
			}
			if tt.status == http.StatusMethodNotAllowed && w.Header().Get("Allow") != http.MethodPost {
				t.Errorf("Allow %q, want POST", w.Header().Get("Allow"))
			}
		})
	}
}

// pngHeader returns the start of a PNG that claims to be w×h pixels: its
// signature and header chunk, all a decoder reads to learn the size.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit grey, deflate, no filter, no interlace
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

// TestConcurrentRequests sends 100 requests at once (run with -race): each
// answer is the one the same drawing gets alone. The network needs no
// training for that, so that -race runs it quickly.
func TestConcurrentRequests(t *testing.T) {
	net, err := nn.New([]int{784, 30, 10}, rand.New(rand.NewPCG(5, 6)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newHandler(net))
	defer srv.Close()
	const n = 100
	bodies := make([]string, n)
	want := make([]string, n)
	for i := range n {
		bodies[i] = request(drawingOfSize(t, i%10, uint64(i), 56)) // small: -race is slow
		want[i] = post(t, newHandler(net), bodies[i]).Body.String()
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := srv.Client().Post(srv.URL+"/api/predict", "application/json", strings.NewReader(bodies[i]))
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			got, err := io.ReadAll(res.Body)
			if err != nil || res.StatusCode != http.StatusOK || string(got) != want[i] {
				t.Errorf("request %d: status %d, err %v, answer differs from the sequential one: %t", i, res.StatusCode, err, string(got) != want[i])
			}
		})
	}
	wg.Wait()
}

// TestPage serves the embedded page and its files, with the headers that
// keep it to itself.
func TestPage(t *testing.T) {
	net, err := nn.New([]int{784, 16, 10}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	h := newHandler(net)
	for _, tt := range []struct{ path, contentType, contains string }{
		{"/", "text/html; charset=utf-8", `<canvas id="pad"`},
		{"/app.js", "text/javascript; charset=utf-8", "api/predict"},
		{"/style.css", "text/css; charset=utf-8", "#pad"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != tt.contentType || !strings.Contains(w.Body.String(), tt.contains) {
			t.Errorf("%s: status %d, Content-Type %q", tt.path, w.Code, w.Header().Get("Content-Type"))
		}
		if w.Header().Get("Content-Security-Policy") != "default-src 'self'" {
			t.Errorf("%s: no Content-Security-Policy", tt.path)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/missing.js", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("/missing.js: status %d, want 404", w.Code)
	}
}
