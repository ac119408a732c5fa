// glassnet playground: the network drawing. Features, hidden neurons and outputs as boxes holding
// their heatmaps; connections as SVG paths (colour = sign of the weight, width = its size);
// biases as small squares. It reports clicks and hovers to the app through `hooks`.
"use strict";

const NetworkView = (() => {
  const NODE = 36, GAP = 46, TOP = 24, SVG_NS = "http://www.w3.org/2000/svg";
  let root, svg, tooltip, hooks, key = "";
  let nodes = [];   // nodes[column][row] = {el, canvas, x, y}
  let links = [];   // links[l][i][j] = path, for weights from column l row i to column l+1 row j
  let biases = [];  // biases[l][j] = square of neuron j in column l+1

  function el(tag, cls, parent) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function init(rootEl, svgEl, tooltipEl, callbacks) {
    root = rootEl; svg = svgEl; tooltip = tooltipEl; hooks = callbacks;
  }

  function showTip(text, event) {
    tooltip.textContent = text;
    tooltip.hidden = false;
    const box = root.parentElement.getBoundingClientRect();
    tooltip.style.left = `${event.clientX - box.left + 12}px`;
    tooltip.style.top = `${event.clientY - box.top + 12}px`;
  }

  function hideTip() { tooltip.hidden = true; }

  // Ask for a new value next to the mouse; Enter sends it (if it is a finite number), Escape or
  // leaving cancels. What the server refuses (out of range) comes back as a message.
  function editValue(label, value, event, send) {
    tooltip.textContent = "";
    tooltip.hidden = false;
    const box = root.parentElement.getBoundingClientRect();
    tooltip.style.left = `${event.clientX - box.left + 12}px`;
    tooltip.style.top = `${event.clientY - box.top + 12}px`;
    el("span", "", tooltip).textContent = `${label} = `;
    const input = el("input", "edit", tooltip);
    input.type = "text"; input.inputMode = "decimal"; input.value = value;
    input.setAttribute("data-testid", "weight-input");
    const problem = el("span", "problem", tooltip);
    problem.setAttribute("data-testid", "weight-problem");
    input.focus(); input.select();
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { hideTip(); return; }
      if (e.key !== "Enter") return;
      const text = input.value.trim(), v = Number(text);
      if (text === "" || !Number.isFinite(v)) {
        problem.textContent = text === "" ? " type a number" : ` ${text} is not a finite number`;
        return;
      }
      send(v);
      hideTip();
    });
    input.addEventListener("blur", hideTip);
  }

  // Build the drawing for: features [{name, label, on}], hidden sizes, number of outputs (once per
  // network, `run` names it, and again when the width changed).
  function build(features, layers, nOut, maxNeurons, run) {
    const newKey = JSON.stringify([features, layers, nOut, run, root.clientWidth]);
    if (newKey === key) return;
    key = newKey;
    for (const child of [...root.children]) if (child !== svg) child.remove();
    svg.replaceChildren();
    const columns = [features.length, ...layers, nOut];
    const width = root.clientWidth || 520;
    const rows = Math.max(...columns);
    const height = TOP + rows * GAP + 10;
    root.style.height = `${height}px`;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    const left = 58;  // room for the features' names
    const step = Math.max(0, (width - NODE - left - 8) / (columns.length - 1));
    nodes = columns.map((n, c) => {
      const x = left + c * step;
      const column = [];
      for (let r = 0; r < n; r++) {
        const y = TOP + r * GAP;
        const node = el("div", "node", root);
        node.style.left = `${x}px`;
        node.style.top = `${y}px`;
        const canvas = el("canvas", "", node);
        canvas.width = 32; canvas.height = 32;
        column.push({el: node, canvas, x, y});
      }
      return column;
    });
    // features: all of them, on or off
    features.forEach((f, r) => {
      const node = nodes[0][r];
      node.el.classList.add("feature");
      if (!f.on) node.el.classList.add("off");
      node.el.setAttribute("data-testid", `feature-${f.name}`);
      const label = el("span", "label", node.el);
      label.textContent = f.label;
      node.el.title = `${f.label}: click to ${f.on ? "stop feeding it in" : "feed it in"}`;
      node.el.addEventListener("click", () => hooks.toggleFeature(f.name));
    });
    // hidden layers: + / − above each
    layers.forEach((n, l) => {
      const c = l + 1;
      const bar = el("div", "neuron-bar", root);
      bar.style.left = `${nodes[c][0].x - 6}px`;
      const plus = el("button", "", bar);
      plus.textContent = "+";
      plus.disabled = n >= maxNeurons;
      plus.title = "one more neuron";
      plus.setAttribute("data-testid", `add-neuron-${c}`);
      plus.addEventListener("click", () => hooks.changeNeurons(l, +1));
      const minus = el("button", "", bar);
      minus.textContent = "−";
      minus.disabled = n <= 1;
      minus.title = "one neuron fewer";
      minus.setAttribute("data-testid", `remove-neuron-${c}`);
      minus.addEventListener("click", () => hooks.changeNeurons(l, -1));
      nodes[c].forEach((node, r) => {
        node.el.setAttribute("data-testid", `neuron-${c}-${r + 1}`);
        node.el.title = `hidden layer ${c}, neuron ${r + 1}`;
      });
    });
    nodes[columns.length - 1].forEach((node, r) => {
      node.el.classList.add("out");
      node.el.setAttribute("data-testid", `output-neuron-${r + 1}`);
      node.el.title = `output ${r + 1}`;
    });
    // neurons (hidden and output) can be hovered and selected for the inspector
    for (let c = 1; c < columns.length; c++) {
      nodes[c].forEach((node, r) => {
        node.el.addEventListener("mouseenter", () => hooks.hoverNeuron(c, r));
        node.el.addEventListener("mouseleave", () => hooks.hoverNeuron(null, null));
        node.el.addEventListener("click", () => hooks.selectNeuron(c, r + 1));
      });
    }
    // connections from the features that are on, and between the layers
    const active = features.map((f, r) => f.on ? r : -1).filter((r) => r >= 0);
    links = [];
    biases = [];
    for (let l = 0; l < columns.length - 1; l++) {
      const sources = l === 0 ? active : [...Array(columns[l]).keys()];
      const layerLinks = sources.map((rowIn, i) => nodes[l + 1].map((target, j) => {
        const from = nodes[l][rowIn];
        const path = document.createElementNS(SVG_NS, "path");
        const x0 = from.x + NODE, y0 = from.y + NODE / 2, x1 = target.x, y1 = target.y + NODE / 2;
        const mid = (x0 + x1) / 2;
        path.setAttribute("d", `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`);
        path.setAttribute("class", "link");
        path.setAttribute("data-testid", `link-${l + 1}-${i + 1}-${j + 1}`);
        path.addEventListener("mousemove", (e) => showTip(`w = ${path.dataset.w}  (${path.dataset.name})`, e));
        path.addEventListener("mouseleave", hideTip);
        path.addEventListener("click", (e) => editValue("w", path.dataset.w, e,
          (v) => hooks.editWeight(l + 1, i + 1, j + 1, v)));
        svg.appendChild(path);
        return path;
      }));
      links.push(layerLinks);
      biases.push(nodes[l + 1].map((target, j) => {
        const square = el("div", "bias", root);
        square.style.left = `${target.x - 5}px`;
        square.style.top = `${target.y + NODE - 5}px`;
        square.setAttribute("data-testid", `bias-${l + 1}-${j + 1}`);
        square.addEventListener("mousemove", (e) => showTip(`b = ${square.dataset.b}`, e));
        square.addEventListener("mouseleave", hideTip);
        square.addEventListener("click", (e) => {
          e.stopPropagation();
          editValue("b", square.dataset.b, e, (v) => hooks.editWeight(l + 1, 0, j + 1, v));
        });
        return square;
      }));
    }
  }

  function fmt(v) { return Number(v).toPrecision(3); }

  // Weights and biases of a frame onto the drawing; `names` are the source names of each column.
  function update(weights, biasValues, names) {
    let largest = 1e-9;
    for (const W of weights) for (const row of W) for (const w of row) largest = Math.max(largest, Math.abs(w));
    weights.forEach((W, l) => W.forEach((row, i) => row.forEach((w, j) => {
      const path = links[l] && links[l][i] && links[l][i][j];
      if (!path) return;
      path.setAttribute("stroke", Draw.css(Draw.diverging(w >= 0 ? 0.9 : -0.9)));
      path.setAttribute("stroke-width", (0.5 + 5 * Math.abs(w) / largest).toFixed(2));
      path.dataset.w = fmt(w);
      path.dataset.name = `${names[l][i]} → ${l + 1 === weights.length ? "output" : `neuron ${l + 1}.`}${j + 1}`;
    })));
    biasValues.forEach((b, l) => b.forEach((v, j) => {
      const square = biases[l] && biases[l][j];
      if (!square) return;
      square.style.background = Draw.css(Draw.diverging(v >= 0 ? 0.9 : -0.9));
      square.dataset.b = fmt(v);
    }));
  }

  function canvasOf(column, row) {
    return nodes[column] && nodes[column][row] ? nodes[column][row].canvas : null;
  }

  function select(column, row) {
    for (const col of nodes) for (const node of col) node.el.classList.remove("selected");
    if (column !== null && nodes[column] && nodes[column][row - 1]) nodes[column][row - 1].el.classList.add("selected");
  }

  // Draw anew at the next build (the width changed).
  function invalidate() { key = ""; }

  return {init, build, update, canvasOf, select, invalidate};
})();
