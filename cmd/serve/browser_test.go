package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/vzorecky/backprop/internal/sketch"
	"github.com/vzorecky/backprop/mat"
	"github.com/vzorecky/backprop/mnist"
	"github.com/vzorecky/backprop/nn"
)

var update = flag.Bool("update", false, "rewrite docs/serve.png with the browser test's screenshot")

// chromium returns the path of a Chromium or Chrome. Without one, it skips
// the test, or fails it when BACKPROP_REQUIRE_CHROMIUM is set, as .ci/run
// sets it after installing Chromium, so that CI never skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("BACKPROP_REQUIRE_CHROMIUM") != "" {
		t.Fatal("no Chromium in PATH, and BACKPROP_REQUIRE_CHROMIUM is set")
	}
	t.Skip("no Chromium here (Debian: apt-get install chromium): the browser tests need it; .ci/run installs it")
	return ""
}

// answer is what the page shows and what it was told.
type answer struct {
	Digit  string    // the big digit's text
	Bars   []string  // the bars' data-value attributes
	Widths []float64 // the bars' drawn widths, as a share of their tracks
	Last   *response // window.digitPad.last, the server's answer
	Errors []string  // errors the page ran into
	Status string    // the status line
	Inked  int       // non-white pixels of the first hidden layer's view
}

type response struct {
	Digit   int         `json:"digit"`
	Outputs []float64   `json:"outputs"`
	Input   []float64   `json:"input"`
	Layers  []layerJSON `json:"layers"`
}

type layerJSON struct {
	Activation string    `json:"activation"`
	Values     []float64 `json:"values"`
}

const readPage = `(() => {
	const c = document.querySelector(".layer canvas");
	const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
	let inked = 0;
	for (let i = 0; i < px.length; i += 4) if (px[i] < 250 || px[i+1] < 250) inked++;
	return {
		Digit: document.getElementById("digit").textContent,
		Bars: [...document.querySelectorAll("#bars li")].map((li) => li.dataset.value),
		Widths: [...document.querySelectorAll("#bars li")].map((li) =>
			li.querySelector(".bar").getBoundingClientRect().width / li.querySelector(".track").getBoundingClientRect().width),
		Last: window.digitPad.last,
		Errors: window.digitPad.errors,
		Status: document.getElementById("status").textContent,
		Inked: inked,
	};
})()`

// TestBrowser loads the page in headless Chromium, draws a 3 on the pad
// with mouse events, stroke by stroke, and checks that the page shows the
// server's answer (digit, bars, hidden layer), that the answer moved
// while drawing, and that it is the library's answer for the canvas the
// page sent. It keeps a screenshot; -update puts it in docs/serve.png
// for the README.
func TestBrowser(t *testing.T) {
	path := chromium(t)
	net := testNetwork(t)
	ctx := openPage(t, path, net)
	seen := drawDigit(t, ctx, 3)
	final := settled(t, ctx)
	if len(final.Errors) > 0 || final.Status != "" {
		t.Fatalf("the page ran into errors %q, status %q", final.Errors, final.Status)
	}
	if final.Last == nil {
		t.Fatal("the page has no answer after drawing")
	}
	if final.Digit != "3" || final.Last.Digit != 3 {
		t.Errorf("drew a 3: the page says %q, the server %d", final.Digit, final.Last.Digit)
	}
	for d, v := range final.Bars {
		if got, err := strconv.ParseFloat(v, 64); err != nil || got != final.Last.Outputs[d] {
			t.Errorf("bar %d shows %q, the server answered %v", d, v, final.Last.Outputs[d])
		}
		if w := final.Widths[d]; math.Abs(w-final.Last.Outputs[d]) > 0.02 {
			t.Errorf("bar %d is drawn %.3f of its track, for an output of %.3f", d, w, final.Last.Outputs[d])
		}
	}
	if len(final.Bars) != 10 || final.Inked == 0 {
		t.Errorf("%d bars and %d inked pixels in the hidden layer's view; want 10 and some", len(final.Bars), final.Inked)
	}
	if seen[0].Last == nil || slices.Equal(seen[0].Last.Outputs, final.Last.Outputs) {
		t.Error("the outputs did not move as the digit was drawn")
	}

	// The page's canvas, preprocessed and fed forward here, gives what the
	// server answered.
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("pad").toDataURL("image/png")`))
	if err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(url, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := mnist.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	row, err := mnist.Preprocess(img)
	if err != nil {
		t.Fatal(err)
	}
	layers, err := net.Trace(mat.NewVecDense(len(row), row))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(row, final.Last.Input) || !slices.Equal(layers[1].RawVector().Data, final.Last.Outputs) ||
		!slices.Equal(layers[0].RawVector().Data, final.Last.Layers[0].Values) {
		t.Error("the server's answer is not the library's for the page's drawing")
	}

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(shot)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	keep := filepath.Join(t.TempDir(), "serve.png")
	if *update {
		keep = filepath.Join("..", "..", "docs", "serve.png")
	}
	if err := os.WriteFile(keep, shot, 0o644); err != nil {
		t.Fatal(err)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("clear"))); err != nil {
		t.Fatal(err)
	}
	if cleared := settled(t, ctx); cleared.Digit != "?" || cleared.Last != nil {
		t.Errorf("after Clear the page says %q with answer %v", cleared.Digit, cleared.Last)
	}
}

// openPage serves net's page and opens it in a new headless browser,
// which the test's end closes.
func openPage(t *testing.T, chromium string, net *nn.Network) context.Context {
	t.Helper()
	srv := httptest.NewServer(newHandler(net))
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1000, 720),
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible(chromedp.ID("pad")),
	)
	if err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "window.digitPad.model !== null")
	return ctx
}

// drawDigit draws the digit on the pad with mouse events, as a hand draws
// it (package sketch), and returns what the page showed half-way through
// each stroke.
func drawDigit(t *testing.T, ctx context.Context, digit int) []answer {
	t.Helper()
	pad, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y, W float64 }](
		`(() => { const r = document.getElementById("pad").getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	style := sketch.Style{Canvas: image.Pt(280, 280), Box: image.Rect(85, 40, 185, 240), Slant: 0.1, Wobble: 3, Seed: uint64(digit)}
	scale := pad.W / 280
	var seen []answer
	for _, stroke := range style.Place(sketch.Digit(digit)) {
		for i, p := range stroke {
			x, y := pad.X+p.X*scale, pad.Y+p.Y*scale
			typ := input.DispatchMouseEventTypeMouseMoved
			if i == 0 {
				typ = input.DispatchMouseEventTypeMousePressed
			}
			if err := chromedp.Do(ctx, chromedp.MouseEvent(typ, x, y, chromedp.ButtonLeft)); err != nil {
				t.Fatal(err)
			}
			if i == len(stroke)/2 {
				seen = append(seen, settled(t, ctx))
			}
			if i == len(stroke)-1 {
				if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x, y, chromedp.ButtonLeft)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return seen
}

// TestBrowserUnboundedLayers shows a ReLU network of two hidden layers
// (untrained: the view, not the answer, is tested): no errors, the bars
// are the server's outputs, and both layers are drawn relative to their
// largest activation.
func TestBrowserUnboundedLayers(t *testing.T) {
	path := chromium(t)
	net, err := nn.NewInit([]int{784, 100, 30, 10}, nn.InitHe, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	net.SetActivations(nn.ReLU{}, nn.Softmax{})
	ctx := openPage(t, path, net)
	drawDigit(t, ctx, 5)
	a := settled(t, ctx)
	if len(a.Errors) > 0 || a.Status != "" || a.Last == nil {
		t.Fatalf("errors %q, status %q, answer %v", a.Errors, a.Status, a.Last)
	}
	for d, v := range a.Bars {
		if got, err := strconv.ParseFloat(v, 64); err != nil || got != a.Last.Outputs[d] {
			t.Errorf("bar %d shows %q, the server answered %v", d, v, a.Last.Outputs[d])
		}
	}
	notes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".layer p")].map((p) => p.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 2 || !strings.HasPrefix(notes[0], "relative to the largest") || !strings.HasPrefix(notes[1], "relative to the largest") {
		t.Errorf("layer notes %q, want two drawn relative to their largest activation", notes)
	}
}

// settled waits until the page has no request in flight or pending, and
// reads it.
func settled(t *testing.T, ctx context.Context) answer {
	t.Helper()
	wait(t, ctx, "!window.digitPad.inFlight && !window.digitPad.dirty")
	a, err := chromedp.Run(ctx, chromedp.Evaluate[answer](readPage))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// wait polls a JavaScript condition for up to 20 seconds.
func wait(t *testing.T, ctx context.Context, condition string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](condition)); err != nil {
		t.Fatalf("waiting for %s: %v", condition, err)
	}
}
