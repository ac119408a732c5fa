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

  function thumb(canvas, map, n) {
    paint(canvas, n, (i) => DIVERGING[map[i] + 127]);
  }

  // Data points on the output canvas: class colour (or target on the diverging scale), white rim
  // (training; grey for regression) or black rim (test).
  function points(canvas, data, extent, indices, test, problem) {
    const ctx = canvas.getContext("2d");
    const [x0, x1, y0, y1] = extent;
    for (const i of indices) {
      const p = data.points[i];
      const x = (p[0] - x0) / (x1 - x0) * canvas.width;
      const y = (y1 - p[1]) / (y1 - y0) * canvas.height;
      ctx.beginPath();
      ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = css(problem === "regression" ? diverging(p[3]) : CLASS_RGB[p[2] % CLASS_RGB.length]);
      ctx.fill();
      ctx.lineWidth = test ? 1.5 : 1;
      ctx.strokeStyle = test ? "#000" : problem === "regression" ? "#777" : "#fff";  // pale targets need a rim
      ctx.stroke();
    }
  }

  function ring(canvas, x, y) {
    const ctx = canvas.getContext("2d");
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, 2 * Math.PI);
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#d11";
    ctx.stroke();
  }

  // Line chart of several series (arrays of numbers or null) against xs; log scale if asked.
  function lines(canvas, xs, series, colours, {log = false} = {}) {
    const ctx = canvas.getContext("2d");
    const w = canvas.width, h = canvas.height, pad = 4, band = 13;  // a band on top for the scale
    ctx.clearRect(0, 0, w, h);
    const f = log ? (v) => Math.log10(v) : (v) => v;
    let lo = Infinity, hi = -Infinity;
    for (const s of series) for (const v of s) if (v !== null && (v > 0 || !log)) {
      lo = Math.min(lo, f(v)); hi = Math.max(hi, f(v));
    }
    if (!isFinite(lo) || xs.length < 1) return;
    if (!log) lo = Math.min(lo, 0);
    if (hi - lo < 1e-12) hi = lo + 1;
    const xMax = Math.max(xs[xs.length - 1], 1);
    series.forEach((s, k) => {
      ctx.beginPath();
      let started = false;
      s.forEach((v, i) => {
        if (v === null || (log && v <= 0)) return;
        const x = pad + xs[i] / xMax * (w - 2 * pad);
        const y = h - pad - (f(v) - lo) / (hi - lo) * (h - band - 2 * pad);
        if (started) ctx.lineTo(x, y); else { ctx.moveTo(x, y); started = true; }
      });
      ctx.strokeStyle = colours[k % colours.length];
      ctx.lineWidth = 1.5;
      ctx.stroke();
    });
    // the scale, above the lines: the top value at the left, the last epoch at the right
    const top = log ? 10 ** hi : hi;
    ctx.fillStyle = "#777";
    ctx.font = "10px sans-serif";
    ctx.textAlign = "left";
    ctx.fillText(`max ${top.toPrecision(2)}`, pad, 10);
    ctx.textAlign = "right";
    ctx.fillText(`epoch ${xs[xs.length - 1]}`, w - pad, 10);
  }

  return {CLASS_RGB, css, diverging, decodeFrame, paint, outputColour, thumb, points, ring, lines};
})();
