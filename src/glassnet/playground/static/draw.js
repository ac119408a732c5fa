// glassnet playground: pictures. Decodes the server's binary frames and paints heatmaps, points
// and curves on canvases. Nothing here computes anything about the network: glassnet did that.
"use strict";

const Draw = (() => {
  // Class colours (class 0 orange, class 1 blue, as in TensorFlow Playground, then more).
  const CLASS_RGB = [[245, 147, 34], [8, 119, 189], [60, 160, 70], [150, 80, 190], [210, 50, 60],
                     [140, 100, 60], [220, 120, 190], [80, 80, 80]];
  const WHITE = [255, 255, 255];

  function mix(a, b, t) {
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
  }

  // A value in [-1, 1] on the diverging scale: orange (-1), white (0), blue (+1).
  function diverging(v) {
    return v < 0 ? mix(WHITE, CLASS_RGB[0], Math.min(-v, 1)) : mix(WHITE, CLASS_RGB[1], Math.min(v, 1));
  }

  function css(rgb) {
    return `rgb(${rgb[0] | 0},${rgb[1] | 0},${rgb[2] | 0})`;
  }

  // A frame: "GNF1", uint32 header length, JSON header, uint8 output maps, int8 neuron maps.
  function decodeFrame(buffer) {
    const view = new DataView(buffer);
    const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
    if (magic !== "GNF1") throw new Error("not a playground frame");
    const length = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, length)));
    const cells = header.grid * header.grid;
    const thumbCells = header.thumb * header.thumb;
    const start = 8 + length;
    const output = [];
    for (let c = 0; c < header.channels; c++) {
      output.push(new Uint8Array(buffer, start + c * cells, cells));
    }
    const mapsStart = start + header.channels * cells;
    const maps = [];
    for (let m = 0; m < header.maps; m++) {
      maps.push(new Int8Array(buffer, mapsStart + m * thumbCells, thumbCells));
    }
    return {header, output, maps};
  }

  const scratch = document.createElement("canvas");
  const images = {};  // one ImageData per size, reused frame after frame

  // Paint an n × n image (a function (i) -> [r, g, b]) onto a canvas, scaled smoothly to fill it.
  function paint(canvas, n, colourOf) {
    if (scratch.width !== n) {
      scratch.width = n;
      scratch.height = n;
    }
    const sctx = scratch.getContext("2d");
    const image = images[n] || (images[n] = sctx.createImageData(n, n));
    const data = image.data;
    for (let i = 0; i < n * n; i++) {
      const rgb = colourOf(i);
      data[4 * i] = rgb[0];
      data[4 * i + 1] = rgb[1];
      data[4 * i + 2] = rgb[2];
      data[4 * i + 3] = 255;
    }
    sctx.putImageData(image, 0, 0);
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
  }

  // The diverging scale as a table of 255 colours for the int8 maps (-127 .. 127).
  const DIVERGING = Array.from({length: 255}, (_, k) => diverging((k - 127) / 127));

  // The output: classification as the likeliest class's colour, paler where the network is unsure
  // (or fully coloured when discretized); regression on the diverging scale.
  const SHADES = CLASS_RGB.map((rgb) => Array.from({length: 256}, (_, q) => mix(WHITE, rgb, 0.85 * q / 255)));
  const REGRESSION = Array.from({length: 256}, (_, q) => diverging(q / 127.5 - 1));

  function outputColour(output, problem, discretize) {
    const k = output.length;
    if (problem === "regression") {
      return discretize ? (i) => REGRESSION[output[0][i] < 128 ? 0 : 255] : (i) => REGRESSION[output[0][i]];
    }
    return (i) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (output[c][i] > output[best][i]) best = c;
      const sure = discretize ? 0.88 : Math.max(0, (output[best][i] / 255 - 1 / k) / (1 - 1 / k));
      return SHADES[best % SHADES.length][Math.round(sure * 255)];
    };
  }

  // One output neuron's own map: a class's probability from white to its colour (a single
  // sigmoid output: P(class 1) on the diverging scale, orange for class 0, blue for class 1);
  // regression on the diverging scale.
  function outputNeuronColour(output, problem, j) {
    if (problem === "regression") return (i) => REGRESSION[output[0][i]];
    if (output.length === 2) return (i) => REGRESSION[output[1][i]];
    const shades = SHADES[j % SHADES.length];
    return (i) => shades[output[j][i]];
  }

  // Give a canvas as many pixels as it shows (times the screen's pixel ratio), so that it is
  // sharp at any size and zoom; returns the ratio.
  function fit(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * ratio)), h = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    return ratio;
  }

  function thumb(canvas, map, n) {
    paint(canvas, n, (i) => DIVERGING[map[i] + 127]);
  }

  // Data points on the output canvas: class colour (or target on the diverging scale), white rim
  // (training; grey for regression) or black rim (test).
  function points(canvas, data, extent, indices, test, problem) {
    const ctx = canvas.getContext("2d");
    const scale = window.devicePixelRatio || 1;
    const [x0, x1, y0, y1] = extent;
    for (const i of indices) {
      const p = data.points[i];
      const x = (p[0] - x0) / (x1 - x0) * canvas.width;
      const y = (y1 - p[1]) / (y1 - y0) * canvas.height;
      ctx.beginPath();
      ctx.arc(x, y, 3.5 * scale, 0, 2 * Math.PI);
      ctx.fillStyle = css(problem === "regression" ? diverging(p[3]) : CLASS_RGB[p[2] % CLASS_RGB.length]);
      ctx.fill();
      ctx.lineWidth = (test ? 1.5 : 1) * scale;
      ctx.strokeStyle = test ? "#000" : problem === "regression" ? "#777" : "#fff";  // pale targets need a rim
      ctx.stroke();
    }
  }

  function ring(canvas, x, y) {
    const ctx = canvas.getContext("2d");
    ctx.beginPath();
    const scale = window.devicePixelRatio || 1;
    ctx.arc(x, y, 7 * scale, 0, 2 * Math.PI);
    ctx.lineWidth = 2 * scale;
    ctx.strokeStyle = "#d11";
    ctx.stroke();
  }

  // Line chart of several series (arrays of numbers or null) against xs, with its scale: the value
  // axis on the left (powers of ten on a log scale), the epochs below.
  function lines(canvas, xs, series, colours, {log = false} = {}) {
    const ratio = fit(canvas);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const w = canvas.width / ratio, h = canvas.height / ratio;
    const left = 40, right = 6, top = 6, bottom = 16;
    ctx.clearRect(0, 0, w, h);
    const f = log ? (v) => Math.log10(v) : (v) => v;
    let lo = Infinity, hi = -Infinity;
    for (const s of series) for (const v of s) if (v !== null && (v > 0 || !log)) {
      lo = Math.min(lo, f(v)); hi = Math.max(hi, f(v));
    }
    if (!isFinite(lo) || xs.length < 1) return;
    if (log) { lo = Math.floor(lo); hi = Math.max(Math.ceil(hi), lo + 1); } else { lo = Math.min(lo, 0); }
    if (hi - lo < 1e-12) hi = lo + 1;
    const xMax = Math.max(xs[xs.length - 1], 1);
    const X = (x) => left + x / xMax * (w - left - right);
    const Y = (v) => h - bottom - (v - lo) / (hi - lo) * (h - top - bottom);
    // the scale: grid lines and their values
    ctx.font = "10px system-ui, sans-serif";
    ctx.fillStyle = "#666";
    ctx.strokeStyle = "#eee";
    ctx.lineWidth = 1;
    const ticks = log ? Array.from({length: hi - lo + 1}, (_, k) => lo + k) : [lo, (lo + hi) / 2, hi];
    const step = Math.ceil(ticks.length / Math.max(2, Math.floor((h - top - bottom) / 14)));
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    ticks.forEach((t, k) => {
      ctx.beginPath(); ctx.moveTo(left, Y(t)); ctx.lineTo(w - right, Y(t)); ctx.stroke();
      if (k % step === 0 || k === ticks.length - 1) {
        ctx.fillText(log ? (t === 0 ? "1" : `1e${t}`) : Number(t.toPrecision(2)).toString(), left - 4, Y(t));
      }
    });
    ctx.textBaseline = "alphabetic";
    ctx.textAlign = "left";
    ctx.fillText("epoch 0", left, h - 3);
    ctx.textAlign = "right";
    ctx.fillText(`${xs[xs.length - 1]}`, w - right, h - 3);
    series.forEach((s, k) => {
      ctx.beginPath();
      let started = false;
      s.forEach((v, i) => {
        if (v === null || (log && v <= 0)) { started = false; return; }
        if (started) ctx.lineTo(X(xs[i]), Y(f(v))); else { ctx.moveTo(X(xs[i]), Y(f(v))); started = true; }
      });
      ctx.strokeStyle = colours[k % colours.length];
      ctx.lineWidth = 1.5;
      ctx.stroke();
    });
  }

  return {CLASS_RGB, css, diverging, decodeFrame, paint, outputColour, outputNeuronColour, fit, thumb, points, ring,
          lines};
})();
