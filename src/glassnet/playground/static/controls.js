// glassnet playground: the settings' controls, built from the list the server sends (settings.py's
// CONTROLS): a choice is a <select>, a number with a list of values a <select>, another number a
// slider, a flag a checkbox. Nothing here knows which settings exist.
"use strict";

const Controls = (() => {
  let controls = [];
  const byName = {};

  function el(tag, attrs, parent) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function shown(control, value) {
    return control.name === "train_fraction" ? `${Math.round(value * 100)}%` : String(value);
  }

  // Build every control of `groups` ({header: element, data: element}); `onChange(name, value)` is
  // called with the new value when the user changes one (sliders: when they let go).
  function build(list, groups, onChange) {
    controls = list;
    for (const c of controls) {
      byName[c.name] = c;
      const parent = groups[c.group];
      if (!parent) continue;
      const label = el("label", {"data-control": c.control, class: c.kind === "flag" ? "check" : ""}, parent);
      let input;
      if (c.kind === "flag") {
        input = el("input", {type: "checkbox", id: c.name, "data-testid": c.control}, label);
        label.append(` ${c.label}`);
        input.addEventListener("change", () => onChange(c.name, input.checked));
      } else if (c.options.length) {
        label.append(c.label);
        input = el("select", {id: c.name, "data-testid": c.control}, label);
        input.addEventListener("input", () => {
          const option = c.options.find((o) => String(o.value) === input.value);
          onChange(c.name, option ? option.value : input.value);
        });
      } else {
        label.append(`${c.label} `);
        const out = el("output", {id: `${c.name}-value`}, label);
        input = el("input", {type: "range", id: c.name, "data-testid": c.control, min: c.low, max: c.high,
                             step: c.step}, label);
        input.addEventListener("input", () => { out.textContent = shown(c, Number(input.value)); });
        input.addEventListener("change", () => onChange(c.name, Number(input.value)));
      }
      c.input = input;
    }
  }

  function option(name, value) {
    return (byName[name].options || []).find((o) => o.value === value) || null;
  }

  // Show `settings` in the controls; a number not in its list is added to the list.
  function show(settings) {
    for (const c of controls) {
      const input = c.input;
      if (!input || !(c.name in settings)) continue;
      const value = settings[c.name];
      if (c.kind === "flag") { input.checked = value; continue; }
      if (input.tagName === "SELECT") {
        const values = c.options.map((o) => o.value);
        const all = values.includes(value) ? c.options : [...c.options, {value, label: String(value)}]
          .sort((a, b) => a.value - b.value);
        if (input.options.length !== all.length) {
          input.replaceChildren(...all.map((o) => {
            const e = document.createElement("option");
            e.value = String(o.value);
            e.textContent = o.label;
            return e;
          }));
        }
        input.value = String(value);
      } else {
        input.value = String(value);
        document.getElementById(`${c.name}-value`).textContent = shown(c, value);
      }
    }
  }

  function labelOf(name, value) {
    const o = option(name, value);
    return o ? o.label : String(value);
  }

  return {build, show, option, labelOf, get: (name) => byName[name], all: () => controls};
})();
