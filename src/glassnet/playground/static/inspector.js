// glassnet playground: the inspector. Shows one neuron at one point as glassnet's trace computed
// it: z, a, δ, the BP1 or BP2 line that gave δ, and BP3/BP4 for every incoming weight.
"use strict";

const Inspector = (() => {
  const f = (v, digits = 4) => {
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(digits - 1)
      : v.toPrecision(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  };
  const signed = (v) => (v < 0 ? `(${f(v)})` : f(v));
  const sub = (n) => String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[d]);

  function line(parent, tag, text, cls) {
    const e = document.createElement(tag);
    e.textContent = text;
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }

  function prompt(root) {
    root.replaceChildren();
    line(root, "p", "Click a neuron, then a data point on the output: its z, a and δ, and the four " +
      "equations of backpropagation with that point's numbers in them.", "small");
  }

  function waiting(root, layer, neuron, isOutput) {
    root.replaceChildren();
    line(root, "p", `${isOutput ? "Output" : `Neuron ${layer}.${neuron}`} selected: now click a data point on the output.`,
         "small");
  }

  function show(root, m) {
    root.replaceChildren();
    const name = m.output ? `output neuron ${m.neuron}` : `neuron ${m.layer}.${m.neuron}`;
    const phi = m.activation;
    line(root, "h3", `${name} (${phi}) at ${m.point.set} point ${m.point.index + 1}`);
    const target = m.point.target.map((v) => f(v)).join(", ");
    line(root, "p", `x = (${f(m.point.x1)}, ${f(m.point.x2)}),  target y = ${target}`, "small");
    const eq = document.createElement("div");
    eq.className = "equations";
    root.appendChild(eq);
    const terms = m.incoming.map((t) => `${signed(t.w)}·${signed(t.a_in)}`).join(" + ");
    line(eq, "div", `z = Σ w·a_in + b = ${terms} + ${signed(m.b)} = ${f(m.z)}`).setAttribute("data-testid", "inspector-z");
    let a = `a = ${phi}(z) = ${f(m.a)}`;
    if (m.z_layer) {  // a softmax takes every z of its layer: a_j = e^z_j / Σ_k e^z_k
      const sum = m.z_layer.map((z) => `e^${signed(z)}`).join(" + ");
      a = `a = softmax(z)${sub(m.neuron)} = e^z${sub(m.neuron)} / Σₖ e^zₖ = e^${signed(m.z)} / (${sum}) = ${f(m.a)}`;
    }
    line(eq, "div", a).setAttribute("data-testid", "inspector-a");
    const bp = m.bp;
    let text;
    if (bp.kind === "shortcut") {
      text = `BP1 (${bp.loss} after ${phi}: φ′ cancels): δ = a − y = ${f(m.a)} − ${signed(bp.y)} = ${f(m.delta)}`;
    } else if (bp.kind === "general") {
      text = `BP1: δ = ∂C/∂a · φ′(z) = ${signed(bp.dC_da)} × ${signed(bp.prime)} = ${f(m.delta)}`;
    } else {
      const sum = bp.terms.map(([d, w]) => `${signed(d)}·${signed(w)}`).join(" + ");
      text = `BP2: δ = (Σₖ δₖ⁽ˡ⁺¹⁾ wⱼₖ) · φ′(z) = (${sum}) × ${signed(bp.prime)} = ${f(bp.sum)} × ` +
             `${signed(bp.prime)} = ${f(m.delta)}`;
    }
    line(eq, "div", text, "bp").setAttribute("data-testid", "inspector-delta");
    const table = document.createElement("table");
    table.setAttribute("data-testid", "inspector-gradients");
    root.appendChild(table);
    const head = table.insertRow();
    for (const h of ["from", "a_in", "w", "BP4: ∂C/∂w = a_in·δ"]) line(head, "th", h);
    for (const t of m.incoming) {
      const row = table.insertRow();
      for (const v of [t.from, f(t.a_in), f(t.w), `${signed(t.a_in)}×${signed(m.delta)} = ${f(t.dC_dw, 3)}`]) {
        line(row, "td", v);
      }
    }
    const bias = table.insertRow();
    for (const v of ["bias", "1", f(m.b), `BP3: ∂C/∂b = δ = ${f(m.dC_db)}`]) line(bias, "td", v);
    line(root, "p", "One point is a batch of one, so the batch means of BP3 and BP4 are this point's values.",
         "small");
  }

  return {prompt, waiting, show};
})();
