// The digit pad: draw on the canvas, and the network's answer follows as
// you draw. One request is in flight at a time; strokes made meanwhile
// are sent as soon as it returns, so the answer keeps up without piling
// requests on the server.
"use strict";

const pad = document.getElementById("pad");
const pen = pad.getContext("2d");
const statusLine = document.getElementById("status");

// state is also what the browser test reads: the last answer, whether one
// is still coming, and any error the page ran into.
const state = { model: null, last: null, requests: 0, inFlight: false, dirty: false, generation: 0, errors: [] };
window.digitPad = state;
window.addEventListener("error", (e) => state.errors.push(e.message));
window.addEventListener("unhandledrejection", (e) => state.errors.push(String(e.reason)));

// A stroke about as wide, relative to the pad, as MNIST's are in 28×28.
pen.lineWidth = 22;
pen.lineCap = "round";
pen.lineJoin = "round";
pen.strokeStyle = "#000";

function clearPad() {
  pen.fillStyle = "#fff";
  pen.fillRect(0, 0, pad.width, pad.height);
  state.generation++;
  state.last = null;
  state.dirty = false;
  statusLine.textContent = "";
  render(null);
}

function position(e) {
  const r = pad.getBoundingClientRect();
  return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
}

let drawing = false;
let from = null;

pad.addEventListener("pointerdown", (e) => {
  drawing = true;
  pad.setPointerCapture(e.pointerId);
  from = position(e);
  stroke(from, from);
});
pad.addEventListener("pointermove", (e) => {
  if (!drawing) return;
  const to = position(e);
  stroke(from, to);
  from = to;
});
for (const type of ["pointerup", "pointercancel"]) {
  pad.addEventListener(type, () => { drawing = false; });
}
document.getElementById("clear").addEventListener("click", clearPad);

function stroke(a, b) {
  pen.beginPath();
  pen.moveTo(a.x, a.y);
  pen.lineTo(b.x, b.y);
  pen.stroke();
  state.dirty = true;
  send();
}

async function send() {
  if (state.inFlight || !state.dirty) return;
  state.inFlight = true;
  state.dirty = false;
  state.requests++;
  const generation = state.generation;
  try {
    const res = await fetch("api/predict", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ image: pad.toDataURL("image/png") }),
    });
    const body = await res.json();
    if (generation !== state.generation) return; // cleared meanwhile
    if (!res.ok) {
      statusLine.textContent = body.error;
      return;
    }
    statusLine.textContent = "";
    state.last = body;
    render(body);
  } catch (err) {
    statusLine.textContent = "no answer from the server: " + err.message;
  } finally {
    state.inFlight = false;
    if (state.dirty) send();
  }
}

// The page's parts that show an answer, made once the model is known.
const view = { bars: [], layers: [] };

async function start() {
  const res = await fetch("api/model");
  const model = await res.json();
  state.model = model;
  const acts = model.activations;
  document.getElementById("model").textContent =
    `network [${model.sizes.join(", ")}]: ${acts.slice(0, -1).join(", ") || "no"} hidden, ` +
    `${acts[acts.length - 1]} output, ${model.cost} cost`;

  const bars = document.getElementById("bars");
  for (let d = 0; d < model.sizes[model.sizes.length - 1]; d++) {
    const li = document.createElement("li");
    li.innerHTML = `<span class="label">${d}</span><span class="track"><span class="bar"></span></span><span class="value"></span>`;
    bars.appendChild(li);
    view.bars.push({ li, bar: li.querySelector(".bar"), value: li.querySelector(".value") });
  }

  const layers = document.getElementById("layers");
  for (let l = 1; l < model.sizes.length - 1; l++) {
    const n = model.sizes[l];
    const cols = Math.ceil(Math.sqrt(n));
    const rows = Math.ceil(n / cols);
    const cell = Math.max(4, Math.floor(240 / cols));
    const div = document.createElement("div");
    div.className = "layer";
    div.innerHTML = `<h2>Hidden layer ${l + 1}: ${n} ${acts[l - 1]} neurons</h2><canvas></canvas><p></p>`;
    const canvas = div.querySelector("canvas");
    canvas.width = cols * cell;
    canvas.height = rows * cell;
    canvas.setAttribute("aria-label", `activations of hidden layer ${l + 1}`);
    layers.appendChild(div);
    view.layers.push({ canvas, cols, cell, activation: acts[l - 1], note: div.querySelector("p") });
  }
  clearPad();
}

function render(answer) {
  document.getElementById("digit").textContent = answer ? answer.digit : "?";
  document.getElementById("confidence").textContent =
    answer ? `output ${answer.outputs[answer.digit].toFixed(3)}` : "draw a digit on the pad";
  view.bars.forEach((b, d) => {
    const v = answer ? answer.outputs[d] : 0;
    b.bar.style.width = `${100 * Math.min(Math.max(v, 0), 1)}%`;
    b.value.textContent = answer ? v.toFixed(3) : "";
    b.li.dataset.value = answer ? String(v) : "";
    b.li.classList.toggle("best", answer !== null && d === answer.digit);
  });
  drawInput(answer ? answer.input : null);
  view.layers.forEach((layer, i) => drawLayer(layer, answer ? answer.layers[i].values : null));
}

// drawInput shows the 28×28 row as MNIST stores it: light ink on black.
function drawInput(row) {
  const canvas = document.getElementById("input");
  const c = canvas.getContext("2d");
  c.fillStyle = "#000";
  c.fillRect(0, 0, canvas.width, canvas.height);
  if (!row) return;
  const side = Math.round(Math.sqrt(row.length));
  const img = c.createImageData(side, side);
  row.forEach((v, i) => {
    const g = Math.round(255 * v);
    img.data.set([g, g, g, 255], 4 * i);
  });
  const small = document.createElement("canvas");
  small.width = small.height = side;
  small.getContext("2d").putImageData(img, 0, 0);
  c.imageSmoothingEnabled = false;
  c.drawImage(small, 0, 0, canvas.width, canvas.height);
}

// drawLayer shades each neuron's cell by its activation: dark blue for
// high, white for zero, red for negative. Activations without an upper
// bound (relu, identity) are shown relative to the layer's largest.
function drawLayer(layer, values) {
  const c = layer.canvas.getContext("2d");
  c.fillStyle = "#fff";
  c.fillRect(0, 0, layer.canvas.width, layer.canvas.height);
  if (!values) {
    layer.note.textContent = "";
    return;
  }
  const bounded = ["sigmoid", "tanh", "softmax"].includes(layer.activation);
  const scale = bounded ? 1 : Math.max(...values.map(Math.abs), 1e-12);
  values.forEach((v, i) => {
    const s = Math.max(-1, Math.min(1, v / scale));
    const shade = Math.round(255 * (1 - Math.abs(s)));
    c.fillStyle = s >= 0 ? `rgb(${shade}, ${shade + Math.round((255 - shade) * 0.25)}, 255)` : `rgb(255, ${shade}, ${shade})`;
    const x = (i % layer.cols) * layer.cell;
    const y = Math.floor(i / layer.cols) * layer.cell;
    c.fillRect(x + 1, y + 1, layer.cell - 2, layer.cell - 2);
  });
  const active = values.filter((v) => v > 0.5 * scale).length;
  layer.note.textContent = bounded
    ? `${active} of ${values.length} above 0.5`
    : `relative to the largest, ${scale.toFixed(2)}; ${active} above half of it`;
}

start().catch((err) => { statusLine.textContent = "cannot load the model: " + err.message; });
