// nnc playground: the page's controls, drawing and the loop that asks the server to train.
// Every network is built, compiled and trained by the server (nnc); this script only draws.
"use strict";

const ACTIVATIONS = [["tanh", "Tanh"], ["relu", "ReLU"], ["sigmoid", "Sigmoid"], ["identity", "Linear"],
  ["leaky_relu", "Leaky ReLU"], ["elu", "ELU"], ["gelu", "GELU"], ["swish", "Swish"], ["mish", "Mish"],
  ["softplus", "Softplus"], ["softsign", "Softsign"], ["sinc", "Sinc"], ["log_sigmoid", "Log-sigmoid"], ["step", "Step"]];
const FEATURES = [["x1", "X\u2081"], ["x2", "X\u2082"], ["x1_sq", "X\u2081\u00b2"], ["x2_sq", "X\u2082\u00b2"],
  ["x1_x2", "X\u2081X\u2082"], ["sin_x1", "sin(X\u2081)"], ["sin_x2", "sin(X\u2082)"]];
const DATASETS = {classification: ["circle", "xor", "gaussian", "spiral"], regression: ["plane", "multi-gaussian"]};
const MAX_LAYERS = 6, MAX_NEURONS = 8, EXTENT = 6;

// Playground's settings at start; any change builds a new network (so a run is one nnc train command).
const settings = {dataset: "circle", noise: 0, trainPercent: 50, dataSeed: 1, features: ["x1", "x2"], layers: [4, 2],
  activation: "tanh", learningRate: 0.03, regularization: "none", regularizationRate: 0, batch: 10, optimizer: "sgd", seed: 0};

let network = null;       // the server's answer for the current network: id, points, program, ...
let playing = false;
let busy = false;         // a train request is on its way
let history = [];         // [epoch, training loss, test loss]
let lastMaps = null;
let lastWeights = null;   // per layer (the hidden ones, then the output), row-major [out][in]

const $ = id => document.getElementById(id);

// ---- colours: Playground's scale, orange (-1) through grey (0) to blue (+1) ----
const LUT = (() => {
  const stops = [[245, 147, 34], [232, 234, 235], [8, 119, 189]];
  const lut = [];
  for (let b = 0; b < 256; b++) {
    const v = b / 127.5 - 1, lo = v < 0 ? 0 : 1, t = v < 0 ? v + 1 : v;
    lut.push(stops[lo].map((c, i) => Math.round(c + (stops[lo + 1][i] - c) * t)));
  }
  return lut;
})();
const colour = v => { const c = LUT[Math.max(0, Math.min(255, Math.round((v + 1) * 127.5)))]; return `rgb(${c[0]},${c[1]},${c[2]})`; };

function decode(base64) {
  const s = atob(base64), out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Draws a side×side map of bytes onto a canvas of that size (CSS scales it, smoothly). */
function paint(canvas, bytes, side, discretize) {
  canvas.width = side; canvas.height = side;
  const ctx = canvas.getContext("2d"), img = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    let b = bytes[i];
    if (discretize) b = b >= 128 ? 255 : 0;
    const c = LUT[b];
    img.data[4 * i] = c[0]; img.data[4 * i + 1] = c[1]; img.data[4 * i + 2] = c[2]; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

// ---- talking to the server ----
async function call(path, body) {
  const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const doc = await response.json();
  if (!response.ok) throw new Error(doc.error || ("HTTP " + response.status));
  return doc;
}

function say(text) { $("message").textContent = text || ""; }

/** Builds the network the settings describe: a new program, compiled, with the seed's weights. */
async function rebuild() {
  pause();
  const asked = JSON.stringify(settings);
  try {
    const doc = await call("/api/session", settings);
    if (JSON.stringify(settings) !== asked) return;   // the user changed something meanwhile
    network = doc;
    history = [];
    say("");
    drawControls();
    drawNetworkSkeleton();
    FEATURES.forEach(([name], i) => paint($("feature-map-" + name), decode(doc.features[i]), doc.maps.side, false));
    $("program").textContent = doc.program;
    $("grad").textContent = doc.grad;
    $("download-program").href = "/api/program.nn?id=" + doc.id;
    $("download-data").href = "/api/data.csv?id=" + doc.id;
    $("download-grad").href = "/api/grad.txt?id=" + doc.id;
    update(doc);
  } catch (e) {
    say(e.message);
  }
}

/** Trains for a while (one epoch for step) and draws the result; keeps going while playing. */
async function train(oneEpoch) {
  if (!network || busy) return;
  busy = true;
  const id = network.id;
  try {
    const doc = await call("/api/train", oneEpoch ? {id, epochs: 1} : {id, epochs: 100000, millis: 60});
    if (network && network.id === id) update(doc);
  } catch (e) {
    say(e.message);
    pause();
  } finally {
    busy = false;
  }
  if (playing) setTimeout(() => train(false), 0);
}

function play() {
  if (playing) return;
  playing = true;
  $("play").classList.add("playing");
  train(false);
}

function pause() {
  playing = false;
  $("play").classList.remove("playing");
}

// ---- drawing the state ----
function update(doc) {
  for (const h of doc.history) history.push(h);
  // The chart keeps at most 4000 epochs, thinned evenly, so hours of play stay light.
  if (history.length > 4000) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
  $("epoch").textContent = String(doc.epoch).padStart(6, "0").replace(/(\d{3})$/, ",$1");
  $("test-loss").textContent = doc.testLoss == null ? "\u2013" : doc.testLoss.toFixed(4);
  $("train-loss").textContent = doc.trainLoss == null ? "\u2013" : doc.trainLoss.toFixed(4);
  $("test-accuracy").textContent = doc.testAccuracy == null ? "\u2013" : (100 * doc.testAccuracy).toFixed(1) + " %";
  $("speed").textContent = doc.epochsPerSecond ? Math.round(doc.epochsPerSecond).toLocaleString("en") : "\u2013";
  $("command").textContent = doc.command;
  if (doc.diverged) { say(doc.diverged); pause(); }
  lastMaps = doc.maps;
  lastWeights = doc.weights;
  drawMaps();
  drawLinks();
  drawChart();
}

function drawMaps() {
  if (!lastMaps) return;
  const side = lastMaps.side, discretize = $("discretize").checked;
  lastMaps.layers.forEach((layer, l) => layer.forEach((m, j) => paint($(`neuron-${l}-${j}`), decode(m), side, false)));
  const small = document.createElement("canvas");
  paint(small, decode(lastMaps.output), side, discretize);
  const canvas = $("output-map"), ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  drawPoints(ctx, canvas.width);
}

function drawPoints(ctx, size) {
  const showTest = $("show-test").checked;
  for (const [x1, x2, label, trains] of network.points) {
    if (!trains && !showTest) continue;
    const px = (x1 + EXTENT) / (2 * EXTENT) * size, py = (EXTENT - x2) / (2 * EXTENT) * size;
    const value = DATASETS.classification.includes(settings.dataset) ? 2 * label - 1 : label;
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = colour(value);
    ctx.fill();
    ctx.lineWidth = trains ? 1 : 1.5;
    ctx.strokeStyle = trains ? "#fff" : "#000";
    ctx.stroke();
  }
}

/** Playground's links: a line from each neuron to each of the next layer's, coloured by the weight's sign, as thick as it is large. */
function drawLinks() {
  const svg = $("links");
  svg.innerHTML = "";
  if (!lastWeights) return;
  const box = svg.getBoundingClientRect();
  const at = (el, side) => {
    const r = el.getBoundingClientRect();
    return [(side === "right" ? r.right : r.left) - box.left, r.top + r.height / 2 - box.top];
  };
  let from = settings.features.map(f => $("feature-" + f));
  const layers = settings.layers.map((n, l) => Array.from({length: n}, (_, j) => $(`neuron-${l}-${j}`))).concat([[$("output-map")]]);
  layers.forEach((to, l) => {
    const w = lastWeights[l];
    to.forEach((target, j) => from.forEach((source, i) => {
      if (!source || !target) return;
      const weight = w[j * from.length + i], [x1, y1] = at(source, "right"), [x2, y2] = at(target, "left");
      const line = document.createElementNS("http://www.w3.org/2000/svg", "path");
      line.setAttribute("d", `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`);
      line.setAttribute("stroke", colour(Math.max(-1, Math.min(1, weight))));
      line.setAttribute("stroke-width", Math.min(6, 0.5 + 2 * Math.abs(weight)).toFixed(2));
      line.setAttribute("fill", "none");
      line.setAttribute("opacity", "0.7");
      svg.appendChild(line);
    }));
    from = to;
  });
}

function drawChart() {
  const canvas = $("loss-chart"), ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  if (history.length === 0) return;
  let top = 0;
  for (const [, train, test] of history) top = Math.max(top, isFinite(train) ? train : 0, isFinite(test) ? test : 0);
  top = top || 1;
  const stride = Math.max(1, Math.ceil(history.length / w)), first = history[0][0], span = history[history.length - 1][0] - first || 1;
  for (const [column, style] of [[1, "#999"], [2, "#000"]]) {
    ctx.beginPath();
    ctx.strokeStyle = style;
    ctx.lineWidth = 1.5;
    for (let i = 0; i < history.length; i += stride) {
      const x = (history[i][0] - first) / span * w, y = h - history[i][column] / top * (h - 2) - 1;
      i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

// ---- building the controls from the settings ----
function thumbnail(name) {
  // Each data set's button shows a small sample of it, drawn from the server's points when it is
  // the current set, else a sketch of its shape.
  const c = document.createElement("canvas");
  c.width = 52; c.height = 52;
  const ctx = c.getContext("2d");
  ctx.fillStyle = "#f7f7f7"; ctx.fillRect(0, 0, 52, 52);
  for (let i = 0; i < 140; i++) {
    const x = Math.sin(i * 12.9898) * 6, y = Math.sin(i * 78.233) * 6, v = sketch(name, x, y);
    ctx.fillStyle = colour(v);
    ctx.fillRect((x + 6) / 12 * 50, (6 - y) / 12 * 50, 2.5, 2.5);
  }
  return c;
}

function sketch(name, x, y) {
  const r = Math.hypot(x, y), a = Math.atan2(x, y);
  switch (name) {
    case "circle": return r < 2.5 ? 1 : (r > 3.5 ? -1 : 0);
    case "xor": return x * y >= 0 ? 1 : -1;
    case "gaussian": return Math.hypot(x - 2, y - 2) < 2.2 ? 1 : (Math.hypot(x + 2, y + 2) < 2.2 ? -1 : 0);
    case "spiral": { const t = (r / 5 * 3.5 * Math.PI - a + 8 * Math.PI) % (2 * Math.PI); return t < Math.PI ? 1 : -1; }
    case "plane": return (x + y) / 10;
    default: return Math.sign(Math.sin(x * 0.8) * Math.cos(y * 0.6)) * Math.max(0, 1 - Math.abs(Math.abs(y) - 2.5) / 2);
  }
}

function drawControls() {
  const problem = DATASETS.classification.includes(settings.dataset) ? "classification" : "regression";
  $("problem").value = problem;
  const box = $("datasets");
  box.innerHTML = "";
  for (const name of DATASETS[problem]) {
    const b = document.createElement("button");
    b.id = "dataset-" + name;
    b.className = "dataset" + (name === settings.dataset ? " selected" : "");
    b.title = name;
    b.appendChild(thumbnail(name));
    b.onclick = () => { settings.dataset = name; rebuild(); };
    box.appendChild(b);
  }
  const list = $("feature-list");
  list.innerHTML = "";
  for (const [name, label] of FEATURES) {
    const on = settings.features.includes(name);
    const b = document.createElement("button");
    b.id = "feature-" + name;
    b.className = "feature " + (on ? "on" : "off");
    b.title = on ? "Stop feeding " + label : "Feed " + label;
    const c = document.createElement("canvas");
    c.id = "feature-map-" + name;
    b.appendChild(c);
    b.appendChild(document.createTextNode(label));
    b.onclick = () => {
      const chosen = FEATURES.map(f => f[0]).filter(f => f === name ? !on : settings.features.includes(f));
      if (chosen.length === 0) { say("The network needs at least one feature."); return; }
      settings.features = chosen;
      rebuild();
    };
    list.appendChild(b);
  }
  $("learning-rate").value = String(settings.learningRate);
  $("activation").value = settings.activation;
  $("regularization").value = settings.regularization;
  $("regularization-rate").value = String(settings.regularizationRate);
  $("optimizer").value = settings.optimizer;
  for (const [id, key, suffix] of [["train-percent", "trainPercent", "%"], ["noise", "noise", ""], ["batch", "batch", ""]]) {
    $(id).value = settings[key];
    $(id + "-value").textContent = settings[key] + suffix;
  }
  $("seed").value = settings.seed;
}

function drawNetworkSkeleton() {
  $("layer-count").textContent = settings.layers.length;
  const box = $("layers");
  box.innerHTML = "";
  settings.layers.forEach((width, l) => {
    const layer = document.createElement("div");
    layer.className = "layer";
    layer.id = "layer-" + l;
    const buttons = document.createElement("div");
    buttons.className = "layer-buttons";
    for (const [text, delta, cls] of [["+", 1, "add-neuron"], ["\u2212", -1, "remove-neuron"]]) {
      const b = document.createElement("button");
      b.textContent = text;
      b.className = cls;
      b.id = `${cls}-${l}`;
      b.onclick = () => {
        const n = settings.layers[l] + delta;
        if (n < 1 || n > MAX_NEURONS) return;
        settings.layers[l] = n;
        rebuild();
      };
      buttons.appendChild(b);
    }
    layer.appendChild(buttons);
    const count = document.createElement("div");
    count.className = "count";
    count.textContent = width + (width === 1 ? " neuron" : " neurons");
    layer.appendChild(count);
    for (let j = 0; j < width; j++) {
      const n = document.createElement("div");
      n.className = "neuron";
      n.title = `h${l + 1}[${j}]`;
      const c = document.createElement("canvas");
      c.id = `neuron-${l}-${j}`;
      n.appendChild(c);
      layer.appendChild(n);
    }
    box.appendChild(layer);
  });
}

function drawLegend() {
  const c = $("legend"), ctx = c.getContext("2d");
  for (let x = 0; x < c.width; x++) { ctx.fillStyle = colour(x / (c.width - 1) * 2 - 1); ctx.fillRect(x, 0, 1, c.height); }
}

function wire() {
  for (const [value, text] of ACTIVATIONS) $("activation").add(new Option(text, value));
  $("play").onclick = () => (playing ? pause() : play());
  $("step").onclick = () => { pause(); train(true); };
  $("reset").onclick = rebuild;
  $("regenerate").onclick = () => { settings.dataSeed++; rebuild(); };
  const onChange = (id, apply) => { $(id).onchange = () => { apply($(id).value); rebuild(); }; };
  onChange("learning-rate", v => { settings.learningRate = +v; });
  onChange("activation", v => { settings.activation = v; });
  onChange("regularization", v => { settings.regularization = v; });
  onChange("regularization-rate", v => { settings.regularizationRate = +v; });
  onChange("optimizer", v => { settings.optimizer = v; });
  onChange("problem", v => { settings.dataset = DATASETS[v][0]; });
  onChange("seed", v => { settings.seed = Math.max(0, Math.floor(+v) || 0); });
  for (const [id, key, suffix] of [["train-percent", "trainPercent", "%"], ["noise", "noise", ""], ["batch", "batch", ""]]) {
    $(id).oninput = () => { $(id + "-value").textContent = $(id).value + suffix; };
    onChange(id, v => { settings[key] = +v; });
  }
  $("add-layer").onclick = () => { if (settings.layers.length < MAX_LAYERS) { settings.layers.push(2); rebuild(); } };
  $("remove-layer").onclick = () => { if (settings.layers.length > 0) { settings.layers.pop(); rebuild(); } };
  $("show-test").onchange = drawMaps;
  $("discretize").onchange = drawMaps;
  window.addEventListener("resize", drawLinks);
  drawLegend();
  rebuild();
}

wire();
