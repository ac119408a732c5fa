// glassnet playground: the page. Keeps the settings (in the URL, so a link reproduces a setup),
// sends commands over the WebSocket, and draws what the server sends: glassnet runs there.
// Every choice the page offers comes from the server (settings.py): nothing here lists them.
"use strict";

const $ = (id) => document.getElementById(id);
const DELTA_COLOURS = ["#0877bd", "#f59322", "#3ca046", "#9650be", "#d2323c", "#8c643c", "#555"];
const EMPTY_CURVE = () => ({epochs: [], train: [], test: [], delta: []});

const state = {
  socket: null, options: null, limits: null, settings: null, data: null, frame: null, playing: false,
  curve: EMPTY_CURVE(), run: -1, hover: null, selected: null, inspection: null,
  asked: 0,  // the number of the last command that changes the settings (link, settings, upload)
  view: {test: false, discretize: false, hide: []},
  stats: {frames: 0, drawMs: 0},  // frames drawn and the time spent drawing them, for people who script the page
};
window.glassnet = state;

// ------------------------------------------------------------------ settings <-> URL <-> controls
function writeURL() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state.settings)) {
    q.set(k, Array.isArray(v) ? v.join(",") : typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
  for (const flag of state.options.view) if (state.view[flag]) q.set(flag, "1");
  if (state.view.hide.length) q.set("hide", state.view.hide.join(","));
  history.replaceState(null, "", `${location.pathname}?${q}`);
}

function features() {
  return Controls.get("features").options;
}

function showSettings() {
  const s = state.settings;
  Controls.show(s);
  const dataset = Controls.option("dataset", s.dataset) || {};
  $("classes").disabled = !dataset.classes;
  $("train_fraction").disabled = dataset.hold_out === false;
  $("seed-value").textContent = s.seed;
  $("layers-label").textContent = `${s.layers.length} hidden layer${s.layers.length === 1 ? "" : "s"}`;
  $("add-layer").disabled = s.layers.length >= state.options.max_layers;
  $("remove-layer").disabled = s.layers.length === 0;
  $("show-test").checked = state.view.test;
  $("discretize").checked = state.view.discretize;
  for (const e of document.querySelectorAll("[data-control]")) {
    e.hidden = state.view.hide.includes(e.getAttribute("data-control"));
  }
  $("main").classList.toggle("no-data", state.view.hide.includes("data"));
}

function change(update) {
  state.settings = {...state.settings, ...update};
  ask({type: "settings", settings: state.settings});
  writeURL();
  showSettings();
}

// ------------------------------------------------------------------ messages
// Send a command; one larger than the server takes is not sent, and the page says why.
function send(message) {
  if (!state.socket || state.socket.readyState !== WebSocket.OPEN) return false;
  const text = JSON.stringify(message);
  const size = new TextEncoder().encode(text).length;
  if (state.limits && size > state.limits.message_bytes) {
    showMessage(`That ${message.type} is ${size.toLocaleString()} bytes as sent; the playground takes at most ` +
                `${state.limits.message_bytes.toLocaleString()}. Nothing was sent.`);
    return false;
  }
  state.socket.send(text);
  return true;
}

// Send a command that changes the settings, numbered: the server's replies carry the number back,
// and only the replies to the last one set the page's settings (an older one would undo a newer change).
function ask(message) {
  return send({...message, id: ++state.asked});
}

function answersLast(m) {
  return m.reply_to === state.asked;
}

// A message above the page: "error" (red: something was refused or failed) or "note" (information).
function showMessage(text, kind = "error") {
  const box = $("message");
  box.textContent = text;
  box.className = `message ${kind}`;
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
  socket.onclose = (event) => {
    state.playing = false;
    $("play").textContent = "▶";
    const why = event.code === 1009 ? " (a message was larger than the server takes)" : "";
    if ($("message").hidden || $("message").classList.contains("note")) {
      showMessage(`The connection to the playground's server is closed${why}; reload to start again.`);
    }
  };
}

function onMessage(m) {
  if (m.type === "hello") {
    state.options = m.options;
    state.limits = m.limits;
    $("download").href = m.download;
    Controls.build(m.options.controls, {header: $("header-settings"), data: $("data-settings")}, onControl);
    ask({type: "link", query: location.search});
  } else if (m.type === "link") {
    state.view = m.view;
    if (m.problems.length) showMessage(m.problems.join(" "));
  } else if (m.type === "error") {
    showMessage(m.message);
    if (state.data && answersLast(m)) {  // the last change was refused: back to the settings the server has
      state.settings = {...state.data.settings};
      writeURL();
      showSettings();
    }
  } else if (m.type === "data") {
    const first = !state.data;
    state.data = m;
    if (answersLast(m)) {  // a reply to an older change: the page already shows a newer one, still on its way
      state.settings = {...m.settings};
      writeURL();
      showSettings();
    }
    if (!first && !$("message").classList.contains("note")) showMessage("");
    $("data-note").textContent = m.note;
    $("data-note").hidden = !m.note;
    const classColour = (k) => Draw.css(Draw.CLASS_RGB[k % Draw.CLASS_RGB.length]);
    legend($("legend"), m.problem === "regression" ? [["target −1", Draw.css(Draw.diverging(-1))],
      ["target +1", Draw.css(Draw.diverging(1))]] : m.classes.map((c, k) => [`class ${c}`, classColour(k)]));
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

// A control changed by the user. Choosing a data set also chooses its problem type.
function onControl(name, value) {
  if (name === "dataset") {
    const option = Controls.option("dataset", value);
    if (option.upload && !(state.data && state.settings.dataset === "csv")) {
      showSettings();  // back to the data set in use until a file is read
      $("upload").click();
      return;
    }
    if (option.problem) { change({dataset: value, problem: option.problem}); return; }
  }
  change({[name]: value});
}

// ------------------------------------------------------------------ frames
function onFrame(frame) {
  const header = frame.header;
  if (header.run !== state.run || header.curve_start === 0) {
    state.run = header.run;
    state.curve = EMPTY_CURVE();
  }
  for (const k of ["epochs", "train", "test", "delta"]) {  // from curve_start on, the server's points replace ours
    state.curve[k].length = Math.min(state.curve[k].length, header.curve_start);
    state.curve[k].push(...header.curve[k]);
  }
  state.frame = frame;
  drawFrame();
  send({type: "drawn"});  // the canvases are drawn; the browser shows them at its next paint
}

function loss(v) {
  return v === null ? "NaN" : v.toFixed(3);
}

// Draw the last frame: numbers, the network with its maps, the output, the curves.
function drawFrame() {
  const f = state.frame;
  if (!f || !state.options) return;
  const start = performance.now();
  const {header, output, maps} = f;
  const s = header.settings;
  $("epoch").textContent = String(header.epoch);
  $("lr-now").textContent = Number(header.learning_rate.toPrecision(3)).toString();
  $("train-loss").textContent = loss(header.train_loss);
  $("test-loss").textContent = loss(header.test_loss);
  const nOut = header.weights[header.weights.length - 1][0].length;
  const all = features().map((o) => ({name: o.value, label: o.label, on: s.features.includes(o.value)}));
  NetworkView.build(all, s.layers, nOut, state.options.max_neurons, `${header.run}`);
  const names = [s.features.map((name) => Controls.labelOf("features", name)),
                 ...s.layers.map((n, l) => [...Array(n).keys()].map((i) => `neuron ${l + 1}.${i + 1}`))];
  NetworkView.update(header.weights, header.biases, names);
  if (state.selected) NetworkView.select(state.selected.layer, state.selected.neuron);
  all.forEach((_, r) => Draw.thumb(NetworkView.canvasOf(0, r), maps[r], header.thumb));
  let m = all.length;
  s.layers.forEach((n, l) => {
    for (let r = 0; r < n; r++) Draw.thumb(NetworkView.canvasOf(l + 1, r), maps[m++], header.thumb);
  });
  for (let j = 0; j < nOut; j++) {
    const canvas = NetworkView.canvasOf(s.layers.length + 1, j);
    Draw.paint(canvas, header.grid, Draw.outputNeuronColour(output, s.problem, j));
  }
  drawOutput();
  Draw.lines($("curve"), state.curve.epochs, [state.curve.train, state.curve.test], ["#999", "#111"]);
  if (!$("delta-box").hidden) drawDeltas();
  state.stats.frames += 1;
  state.stats.drawMs += performance.now() - start;
}

function drawOutput() {
  const f = state.frame, data = state.data;
  if (!f || !data) return;
  const canvas = $("output");
  Draw.fit(canvas);
  const s = f.header.settings;
  const [c, r] = state.hover || [null, null];
  if (c !== null && c <= s.layers.length) {  // a hovered neuron's own map, large
    const index = features().length + s.layers.slice(0, c - 1).reduce((a, b) => a + b, 0) + r;
    Draw.thumb(canvas, f.maps[index], f.header.thumb);
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
  const px = (event.clientX - box.left) / box.width, py = (event.clientY - box.top) / box.height;
  const [x0, x1, y0, y1] = data.extent;
  const reach = 10 / box.width;  // 10 px on the screen
  let best = null, bestD = reach * reach;
  const sets = state.view.test ? ["train", "test"] : ["train"];
  for (const set of sets) {
    data[set].forEach((p, index) => {
      const pt = data.points[p];
      const dx = (pt[0] - x0) / (x1 - x0) - px, dy = (y1 - pt[1]) / (y1 - y0) - py;
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
      const chosen = on ? state.settings.features.filter((f) => f !== name) : [...state.settings.features, name];
      if (chosen.length === 0) { showMessage("Feed in at least one feature."); return; }
      change({features: features().map((o) => o.value).filter((f) => chosen.includes(f))});
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
    const csv = state.settings.dataset === "csv" ? " Your uploaded CSV does not travel in it: whoever opens it " +
      "must upload the file again." : "";
    navigator.clipboard.writeText(location.href).then(
      () => showMessage(`Link copied: it holds every setting.${csv}`, "note"),
      () => showMessage(`Share this link: ${location.href}${csv}`, "note"));
  });
  $("upload").addEventListener("change", () => {
    const file = $("upload").files[0];
    $("upload").value = "";
    if (!file) return;
    if (file.size > state.options.max_upload_bytes) {
      showMessage(`${file.name} is ${file.size.toLocaleString()} bytes; the playground takes CSV files of at most ` +
                  `${state.options.max_upload_bytes.toLocaleString()} bytes.`);
      return;
    }
    file.text().then((csv) => ask({type: "upload", name: file.name, csv}));
  });
  // A new width: the network is drawn again to fit it, and the canvases at the new size.
  let width = 0;
  new ResizeObserver(() => {
    const now = $("network").clientWidth;
    if (now === width) return;
    width = now;
    NetworkView.invalidate();
    drawFrame();
  }).observe($("network"));
}

wire();
connect();
setInterval(() => { if (document.visibilityState === "visible") send({type: "alive"}); }, 60000);
