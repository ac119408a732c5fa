// glassnet playground: the page. Keeps the settings (in the URL, so a link reproduces a setup),
// sends commands over the WebSocket, and draws what the server sends: glassnet runs there.
"use strict";

const $ = (id) => document.getElementById(id);
const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const DELTA_COLOURS = ["#0877bd", "#f59322", "#3ca046", "#9650be", "#d2323c", "#8c643c", "#555"];
const FEATURE_ORDER = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"];
const NUMBER_SETTINGS = ["points", "classes", "noise", "train_fraction", "seed", "learning_rate", "batch_size",
                         "regularization_rate"];
const CONTROLS = ["dataset", "activation", "learning_rate", "optimizer", "schedule", "regularization",
                  "regularization_rate", "problem", "classes", "train_fraction", "noise", "batch_size"];

const state = {
  socket: null, options: null, settings: null, data: null, frame: null, playing: false,
  curve: {epochs: [], train: [], test: [], delta: []}, run: -1, pendingUpload: false, keepMessage: false,
  hover: null, selected: null, inspection: null,
  view: {test: false, discretize: false, hide: []},
  stats: {frames: 0, drawMs: 0},  // frames drawn and the time spent drawing them, for people who script the page
};
window.glassnet = state;

// ------------------------------------------------------------------ settings <-> URL <-> controls
function settingsFromURL(defaults) {
  const q = new URLSearchParams(location.search);
  const s = {...defaults};
  for (const [k, v] of q) {
    if (k === "layers") s.layers = v === "" ? [] : v.split(",").map(Number);
    else if (k === "features") s.features = v === "" ? [] : v.split(",");
    else if (k === "zero_init") s.zero_init = v === "1" || v === "true";
    else if (NUMBER_SETTINGS.includes(k)) s[k] = Number(v);
    else if (k in defaults) s[k] = v;
  }
  state.view.test = q.get("test") === "1";
  state.view.discretize = q.get("discretize") === "1";
  state.view.hide = (q.get("hide") || "").split(",").filter(Boolean);
  return s;
}

function writeURL() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state.settings)) {
    if (k === "dataset" && v === "csv") continue;  // an upload cannot travel in a link
    q.set(k, Array.isArray(v) ? v.join(",") : typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
  if (state.view.test) q.set("test", "1");
  if (state.view.discretize) q.set("discretize", "1");
  if (state.view.hide.length) q.set("hide", state.view.hide.join(","));
  history.replaceState(null, "", `${location.pathname}?${q}`);
}

function fillSelect(select, values, current) {
  const all = values.includes(current) ? values : [...values, current].sort((a, b) => a - b);
  select.replaceChildren(...all.map((v) => {
    const o = document.createElement("option");
    o.value = String(v);
    o.textContent = String(v);
    return o;
  }));
  select.value = String(current);
}

function showSettings() {
  const s = state.settings;
  fillSelect($("learning_rate"), RATES, s.learning_rate);
  fillSelect($("regularization_rate"), REG_RATES, s.regularization_rate);
  for (const id of ["dataset", "activation", "optimizer", "schedule", "regularization", "problem",
                    "classes", "train_fraction", "noise", "batch_size"]) {
    $(id).value = String(s[id]);
  }
  $("zero_init").checked = s.zero_init;
  $("classes-value").textContent = s.classes;
  $("train_fraction-value").textContent = `${Math.round(s.train_fraction * 100)}%`;
  $("noise-value").textContent = s.noise;
  $("batch_size-value").textContent = s.batch_size;
  $("seed-value").textContent = s.seed;
  $("classes").disabled = !["gaussian", "spiral"].includes(s.dataset);
  $("layers-label").textContent = `${s.layers.length} hidden layer${s.layers.length === 1 ? "" : "s"}`;
  $("add-layer").disabled = s.layers.length >= state.options.max_layers;
  $("remove-layer").disabled = s.layers.length === 0;
  $("show-test").checked = state.view.test;
  $("discretize").checked = state.view.discretize;
  for (const hidden of state.view.hide) {
    for (const e of document.querySelectorAll(`[data-control="${hidden}"]`)) e.hidden = true;
  }
}

function change(update) {
  state.settings = {...state.settings, ...update};
  send({type: "settings", settings: state.settings});
  writeURL();
  showSettings();
}

// ------------------------------------------------------------------ messages
function send(message) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(message));
}

function showMessage(text) {
  const box = $("message");
  box.textContent = text;
  box.hidden = !text;
}

function connect() {
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
  socket.binaryType = "arraybuffer";
  state.socket = socket;
  socket.onmessage = (event) => {
    if (event.data instanceof ArrayBuffer) onFrame(Draw.decodeFrame(event.data));
    else onMessage(JSON.parse(event.data));
  };
  socket.onclose = () => {
    state.playing = false;
    $("play").textContent = "▶";
    if ($("message").hidden) showMessage("The connection to the playground's server is closed; reload to start again.");
  };
}

function onMessage(m) {
  if (m.type === "hello") {
    state.options = m.options;
    $("download").href = m.download;
    state.settings = settingsFromURL(m.options.defaults);
    showSettings();
    send({type: "settings", settings: state.settings});
  } else if (m.type === "error") {
    if (state.pendingUpload) {
      state.pendingUpload = false;
      showSettings();  // the data set select goes back to what the server has
    }
    showMessage(m.message);
    if (!state.data && state.options) {  // the link's settings were refused: start from the defaults
      state.keepMessage = true;
      state.settings = {...state.options.defaults};
      writeURL();
      showSettings();
      send({type: "settings", settings: state.settings});
    }
  } else if (m.type === "data") {
    if (state.pendingUpload) {
      state.pendingUpload = false;
      state.settings = {...state.settings, dataset: "csv"};
      writeURL();
      showSettings();
    }
    state.data = m;
    if (state.keepMessage) state.keepMessage = false; else showMessage("");
    legend($("legend"), m.problem === "regression" ? [["target −1", Draw.css(Draw.diverging(-1))],
      ["target +1", Draw.css(Draw.diverging(1))]] : m.classes.map((c, k) => [`class ${c}`,
      Draw.css(Draw.CLASS_RGB[k % Draw.CLASS_RGB.length])]));
    clearInspection();
  } else if (m.type === "state") {
    state.playing = m.playing;
    $("play").textContent = m.playing ? "❚❚" : "▶";
    $("play").classList.toggle("playing", m.playing);
  } else if (m.type === "inspection") {
    state.inspection = m;
    Inspector.show($("inspector"), m);
    drawOutput();
  } else if (m.type === "code") {
    $("code").textContent = m.code;
    $("code-dialog").showModal();
  }
}

// ------------------------------------------------------------------ frames
function onFrame({header, output, maps}) {
  const start = performance.now();
  const s = header.settings;
  if (header.run !== state.run) {
    state.run = header.run;
    state.curve = {epochs: [], train: [], test: [], delta: []};
  }
  if (header.curve_start === 0) state.curve = {epochs: [], train: [], test: [], delta: []};
  for (const k of ["epochs", "train", "test", "delta"]) state.curve[k].push(...header.curve[k]);
  state.frame = {header, output, maps};
  $("epoch").textContent = String(header.epoch);
  $("lr-now").textContent = Number(header.learning_rate.toPrecision(3)).toString();
  $("train-loss").textContent = header.train_loss === null ? "NaN" : header.train_loss.toFixed(3);
  $("test-loss").textContent = header.test_loss === null ? "NaN" : header.test_loss.toFixed(3);
  const nOut = header.weights[header.weights.length - 1][0].length;
  const features = FEATURE_ORDER.map((name) => ({name, label: state.options.features[name], on: s.features.includes(name)}));
  NetworkView.build(features, s.layers, nOut, state.options.max_neurons, `${header.run}`);
  const names = [s.features.map((f) => state.options.features[f]),
                 ...s.layers.map((n, l) => [...Array(n).keys()].map((i) => `neuron ${l + 1}.${i + 1}`))];
  NetworkView.update(header.weights, header.biases, names);
  if (NetworkView.fresh()) {  // the features' maps change only with the data; the drawing was rebuilt
    FEATURE_ORDER.forEach((_, r) => Draw.thumb(NetworkView.canvasOf(0, r), maps[r], header.thumb));
  }
  let m = FEATURE_ORDER.length;
  s.layers.forEach((n, l) => {
    for (let r = 0; r < n; r++) Draw.thumb(NetworkView.canvasOf(l + 1, r), maps[m++], header.thumb);
  });
  for (let j = 0; j < nOut; j++) {
    const channel = s.problem === "regression" ? 0 : nOut === 1 ? 1 : j;
    const canvas = NetworkView.canvasOf(s.layers.length + 1, j);
    Draw.paint(canvas, header.grid, (i) => Draw.diverging(output[channel][i] / 127.5 - 1));
  }
  drawOutput();
  Draw.lines($("curve"), state.curve.epochs, [state.curve.train, state.curve.test], ["#999", "#111"]);
  if (!$("delta-box").hidden) drawDeltas();
  state.stats.frames += 1;
  state.stats.drawMs += performance.now() - start;
  send({type: "drawn"});  // the canvases are drawn; the browser shows them at its next paint
}

function drawOutput() {
  const f = state.frame, data = state.data;
  if (!f || !data) return;
  const canvas = $("output");
  const s = f.header.settings;
  if (state.hover) {  // a hovered neuron's own map, large
    const [c, r] = state.hover;
    if (c <= s.layers.length) {
      const index = FEATURE_ORDER.length + s.layers.slice(0, c - 1).reduce((a, b) => a + b, 0) + r;
      Draw.thumb(canvas, f.maps[index], f.header.thumb);
    } else {
      Draw.paint(canvas, f.header.grid, Draw.outputColour(f.output, s.problem, state.view.discretize));
    }
  } else {
    Draw.paint(canvas, f.header.grid, Draw.outputColour(f.output, s.problem, state.view.discretize));
  }
  Draw.points(canvas, data, data.extent, data.train, false, data.problem);
  if (state.view.test) Draw.points(canvas, data, data.extent, data.test, true, data.problem);
  const m = state.inspection;
  if (m) {
    const [x0, x1, y0, y1] = data.extent;
    Draw.ring(canvas, (m.point.x1 - x0) / (x1 - x0) * canvas.width, (y1 - m.point.x2) / (y1 - y0) * canvas.height);
  }
}

function drawDeltas() {
  const deltas = state.curve.delta;
  if (!deltas.length) return;
  const series = deltas[0].map((_, l) => deltas.map((d) => d[l]));
  Draw.lines($("delta-chart"), state.curve.epochs, series, DELTA_COLOURS, {log: true});
  legend($("delta-legend"), series.map((_, l) => [l === series.length - 1 ? "output" : `layer ${l + 1}`,
                                                  DELTA_COLOURS[l % DELTA_COLOURS.length]]));
}

// A row of coloured dots with names.
function legend(box, entries) {
  box.replaceChildren();
  for (const [name, colour] of entries) {
    const dot = document.createElement("span");
    dot.className = "swatch";
    dot.style.background = colour;
    box.append(dot, name);
  }
}

// ------------------------------------------------------------------ the inspector
function clearInspection() {
  state.inspection = null;
  state.selected = null;
  NetworkView.select(null, null);
  Inspector.prompt($("inspector"));
}

function pickPoint(event) {
  const data = state.data, sel = state.selected;
  if (!data || !sel) return;
  const canvas = $("output");
  const box = canvas.getBoundingClientRect();
  const px = (event.clientX - box.left) * canvas.width / box.width;
  const py = (event.clientY - box.top) * canvas.height / box.height;
  const [x0, x1, y0, y1] = data.extent;
  let best = null, bestD = 10 * 10;
  const sets = state.view.test ? ["train", "test"] : ["train"];
  for (const set of sets) {
    data[set].forEach((p, index) => {
      const pt = data.points[p];
      const dx = (pt[0] - x0) / (x1 - x0) * canvas.width - px;
      const dy = (y1 - pt[1]) / (y1 - y0) * canvas.height - py;
      if (dx * dx + dy * dy < bestD) { bestD = dx * dx + dy * dy; best = {set, index}; }
    });
  }
  if (best) send({type: "inspect", layer: sel.layer, neuron: sel.neuron, set: best.set, index: best.index});
}

// ------------------------------------------------------------------ wiring
function wire() {
  NetworkView.init($("network"), $("links"), $("tooltip"), {
    toggleFeature: (name) => {
      const on = state.settings.features.includes(name);
      const features = on ? state.settings.features.filter((f) => f !== name) : [...state.settings.features, name];
      if (features.length === 0) { showMessage("Feed in at least one feature."); return; }
      change({features: FEATURE_ORDER.filter((f) => features.includes(f))});
    },
    changeNeurons: (l, delta) => {
      const layers = [...state.settings.layers];
      layers[l] = Math.max(1, Math.min(state.options.max_neurons, layers[l] + delta));
      change({layers});
    },
    hoverNeuron: (c, r) => { state.hover = c === null ? null : [c, r]; drawOutput(); },
    selectNeuron: (layer, neuron) => {
      state.selected = {layer, neuron};
      NetworkView.select(layer, neuron);
      Inspector.waiting($("inspector"), layer, neuron, layer > state.settings.layers.length);
    },
    editWeight: (layer, source, neuron, value) => send({type: "set_weight", layer, source, neuron, value}),
  });
  for (const id of CONTROLS) {
    $(id).addEventListener(id === "noise" || id === "train_fraction" || id === "classes" || id === "batch_size"
      ? "change" : "input", () => {
      const raw = $(id).value;
      if (id === "dataset" && raw === "csv" && !(state.data && state.data.name.endsWith(".csv"))) {
        $("dataset").value = state.settings.dataset;
        $("upload").click();
        return;
      }
      change({[id]: NUMBER_SETTINGS.includes(id) ? Number(raw) : raw});
    });
  }
  for (const id of ["noise", "train_fraction", "classes", "batch_size"]) {
    $(id).addEventListener("input", () => {
      $(`${id}-value`).textContent = id === "train_fraction" ? `${Math.round($(id).value * 100)}%` : $(id).value;
    });
  }
  $("zero_init").addEventListener("change", () => change({zero_init: $("zero_init").checked}));
  $("play").addEventListener("click", () => send({type: state.playing ? "pause" : "play"}));
  $("step").addEventListener("click", () => send({type: "step"}));
  $("reset").addEventListener("click", () => send({type: "reset"}));
  $("regenerate").addEventListener("click", () => change({seed: (state.settings.seed + 1) % 2147483647}));
  $("add-layer").addEventListener("click", () => {
    if (state.settings.layers.length < state.options.max_layers) change({layers: [...state.settings.layers, 4]});
  });
  $("remove-layer").addEventListener("click", () => change({layers: state.settings.layers.slice(0, -1)}));
  $("show-test").addEventListener("change", () => { state.view.test = $("show-test").checked; writeURL(); drawOutput(); });
  $("discretize").addEventListener("change", () => {
    state.view.discretize = $("discretize").checked; writeURL(); drawOutput();
  });
  $("show-delta").addEventListener("change", () => {
    $("delta-box").hidden = !$("show-delta").checked;
    drawDeltas();
  });
  $("output").addEventListener("click", pickPoint);
  $("show-code").addEventListener("click", () => send({type: "code"}));
  $("copy-link").addEventListener("click", () => {
    navigator.clipboard.writeText(location.href).then(() => showMessage("Link copied: it holds every setting."),
      () => showMessage(`Share this link: ${location.href}`));
  });
  $("upload").addEventListener("change", () => {
    const file = $("upload").files[0];
    if (!file) return;
    if (file.size > state.options.max_upload_bytes) {
      showMessage(`${file.name} is ${file.size.toLocaleString()} bytes; the playground takes CSV files of at most ` +
                  `${state.options.max_upload_bytes.toLocaleString()} bytes.`);
      return;
    }
    file.text().then((csv) => {
      state.pendingUpload = true;
      send({type: "upload", name: file.name, csv});
    });
    $("upload").value = "";
  });
}

wire();
connect();
setInterval(() => { if (document.visibilityState === "visible") send({type: "alive"}); }, 60000);
