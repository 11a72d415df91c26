// What the three demos share: the page language, labelled native controls, canvases that follow
// their container and the device pixel ratio, colours from Material's CSS custom properties
// (redrawn when the colour scheme changes), and small plotting helpers.

export const LANG = (document.documentElement.lang || "en").toLowerCase().startsWith("ko") ? "ko" : "en";

/** A number in the page's style: a Unicode minus, a fixed number of digits. */
export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return "—";
  return value.toFixed(digits).replace("-", "−");
}

export function pct(value, digits = 1) {
  return Number.isFinite(value) ? `${(100 * value).toFixed(digits)}%` : "—";
}

/** Create an element with attributes (aria-*, data-*, class …) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

let count = 0;
/** A page-unique id for a control. */
export const uid = () => `nn-demo-${++count}`;

/** A labelled range input; `show(value)` renders the value next to the label. Returns {field, input, output}. */
export function slider({ label, min, max, step, value, show = String, onInput }) {
  const output = h("output", { class: "nn-demo__value", text: show(value) });
  const input = h("input", { type: "range", min, max, step, value, id: uid() });
  const update = () => {
    output.textContent = show(Number(input.value));
    input.setAttribute("aria-valuetext", output.textContent);
  };
  input.addEventListener("input", () => {
    update();
    onInput(Number(input.value));
  });
  update();
  // the label holds only text and the value: wrapped around the input, it would label the <output>
  const field = h("div", { class: "nn-demo__field" }, h("label", { class: "nn-demo__label", for: input.id }, label, " ", output), input);
  return { field, input, output, update };
}

/** A labelled select; options are [value, text] pairs. */
export function select({ label, options, value, onChange }) {
  const input = h("select", { id: uid() }, ...options.map(([v, text]) => h("option", { value: v, text })));
  input.value = String(value);
  input.addEventListener("change", () => onChange(input.value));
  const field = h("div", { class: "nn-demo__field" }, h("label", { class: "nn-demo__label", for: input.id, text: label }), input);
  return { field, input };
}

/** A labelled checkbox. */
export function checkbox({ label, checked, onChange }) {
  const input = h("input", { type: "checkbox", id: uid(), checked });
  input.addEventListener("change", () => onChange(input.checked));
  const field = h("div", { class: "nn-demo__field nn-demo__field--check" }, input, h("label", { class: "nn-demo__label", for: input.id, text: label }));
  return { field, input };
}

export function button(text, onClick) {
  return h("button", { type: "button", class: "nn-demo__button", text, onclick: onClick });
}

/** The readout: a polite live region made of labelled numbers, each in a span[data-key]. */
export function readout(keys) {
  const el = h("p", { class: "nn-demo__readout", "aria-live": "polite", "aria-atomic": "true" });
  const spans = {};
  keys.forEach(([key, label], i) => {
    spans[key] = h("span", { "data-key": key, text: "—" });
    el.append(...(i ? ["; "] : []), `${label} `, spans[key]);
  });
  return {
    el,
    set(values) {
      for (const [key, value] of Object.entries(values)) if (spans[key]) spans[key].textContent = value;
    },
  };
}

// --- settings in the URL ------------------------------------------------------------------------
// A demo keeps each setting that differs from its default in the page URL's query as NAME.KEY=VALUE,
// NAME being the demo's (so two demos on one page never share a key), e.g.
// capacity/?playground.init=zeros&playground.act=sigmoid&bumps.n=20. Both languages read the same
// keys. A value that is not one the control can take is ignored: the setting keeps its default.

/** The settings of the demo `name` in the URL: get(key) → text or null; save({key: value}, defaults). */
export function urlSettings(name) {
  const key = (k) => `${name}.${k}`;
  let last = 0, timer = 0, pending = null;
  function write() {
    const query = new URLSearchParams(location.search);
    for (const [k, [value, fallback]] of Object.entries(pending)) {
      if (String(value) === String(fallback)) query.delete(key(k));
      else query.set(key(k), String(value));
    }
    const search = query.toString();
    history.replaceState(history.state, "", `${location.pathname}${search ? `?${search}` : ""}${location.hash}`);
    last = performance.now();
  }
  return {
    get: (k) => new URLSearchParams(location.search).get(key(k)),
    /** Write values ({key: value}; arrays joined by "_") to the URL, leaving out those equal to defaults[key]. */
    save(values, defaults) {
      pending = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [join(v), join(defaults[k])]]));
      // at most five writes a second while a slider is dragged (browsers throttle replaceState)
      clearTimeout(timer);
      const wait = last + 200 - performance.now();
      if (wait <= 0) write();
      else timer = setTimeout(write, wait);
    },
  };
}

const join = (v) => (typeof v === "object" && v !== null ? Array.from(v).join("_") : v);
const PLAIN_NUMBER = /^-?\d{1,6}(\.\d{1,20})?(e-?\d{1,3})?$/;

/** The value of `values` whose text is `text`, or undefined. */
export function oneOf(text, values) {
  return values.find((v) => String(v) === text);
}

/** The decimal number `text` (-1.25, 3e-7; not NaN, 0x10, 1/0) if it lies in [min, max] and, given a step, on the grid min + k·step; else undefined. */
export function number(text, min, max, step) {
  if (text === null || !PLAIN_NUMBER.test(text)) return undefined;
  const v = Number(text);
  if (!(v >= min && v <= max)) return undefined;
  if (step && Math.abs((v - min) / step - Math.round((v - min) / step)) > 1e-6) return undefined;
  return v;
}

/** Colours of the current scheme, read from Material's custom properties on <body>. */
export function colors() {
  const style = getComputedStyle(document.body);
  const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v("--md-default-fg-color", "#000"),
    muted: v("--md-default-fg-color--light", "#666"),
    faint: v("--md-default-fg-color--lighter", "#bbb"),
    grid: v("--md-default-fg-color--lightest", "#eee"),
    bg: v("--md-default-bg-color", "#fff"),
    dark: document.body.getAttribute("data-md-color-scheme") === "slate" && !printing.matches,
  };
}

const printing = matchMedia("print"); // site.css prints in the light scheme's colours
const redraws = new Set();
const redrawAll = () => redraws.forEach((fn) => fn());
new MutationObserver(redrawAll).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
printing.addEventListener("change", redrawAll);

/** Call fn again whenever the colour scheme changes (and for print). */
export function onSchemeChange(fn) {
  redraws.add(fn);
}

/**
 * A canvas of the container's width and `aspect` (height / width, capped at maxHeight CSS px),
 * drawn at the device pixel ratio. draw(ctx, width, height) runs on resize and on scheme change;
 * returns {canvas, redraw}.
 */
export function plotCanvas(label, aspect, draw, { maxHeight = 420, minHeight = 160 } = {}) {
  const canvas = h("canvas", { role: "img", "aria-label": label, class: "nn-demo__canvas" });
  let size = [0, 0];
  const redraw = () => {
    const width = canvas.clientWidth;
    if (!width) return;
    const height = Math.max(minHeight, Math.min(maxHeight, Math.round(width * aspect)));
    const dpr = window.devicePixelRatio || 1;
    if (size[0] !== width || size[1] !== height || canvas.width !== Math.round(width * dpr)) {
      canvas.style.height = `${height}px`;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      size = [width, height];
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    draw(ctx, width, height);
  };
  new ResizeObserver(() => redraw()).observe(canvas);
  onSchemeChange(redraw);
  return { canvas, redraw };
}

/** A linear map [d0, d1] → [r0, r1]. */
export function scale(d0, d1, r0, r1) {
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Axes: frame, zero lines and tick labels at the given values. */
export function axes(ctx, box, xs, ys, { xticks = [], yticks = [], c }) {
  ctx.save();
  ctx.font = "12px system-ui, sans-serif";
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.grid;
  ctx.fillStyle = c.muted;
  for (const t of xticks) {
    const x = xs(t);
    ctx.beginPath();
    ctx.moveTo(x, box.top);
    ctx.lineTo(x, box.bottom);
    ctx.stroke();
    // keep the label inside the canvas: the last tick often sits at the right edge
    const text = fmt(t, Number.isInteger(t) ? 0 : 1);
    const half = ctx.measureText(text).width / 2;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText(text, Math.min(Math.max(x, half), ctx.canvas.clientWidth - half - 1), box.bottom + 4);
  }
  for (const t of yticks) {
    const y = ys(t);
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.right, y);
    ctx.stroke();
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    ctx.fillText(fmt(t, Number.isInteger(t) ? 0 : Math.abs(t) < 0.1 ? 2 : 1), box.left - 5, y);
  }
  ctx.strokeStyle = c.faint;
  ctx.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  ctx.restore();
}

/** Stroke the polyline through (xs(x[i]), ys(y[i])), skipping non-finite points. */
export function line(ctx, x, y, xs, ys, { color, width = 2, dash = [] }) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(y[i])) {
      pen = false;
      continue;
    }
    const [px, py] = [xs(x[i]), ys(y[i])];
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
  ctx.restore();
}

/** A legend row drawn in HTML (so its text scales and is read): [[text, color, dashed]]. */
export function legend(items) {
  return h(
    "ul",
    { class: "nn-demo__legend" },
    ...items.map(([text, color, style]) =>
      h("li", {}, h("span", { class: `nn-demo__key nn-demo__key--${style || "line"}`, style: `--key: ${color}`, "aria-hidden": "true" }), text),
    ),
  );
}

/** Draw a point marker: shape 0 circle, 1 triangle, 2 square, 3 diamond, 4 inverted triangle. */
export function marker(ctx, x, y, shape, r) {
  ctx.beginPath();
  if (shape === 0) ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 1 || shape === 4) {
    const s = shape === 1 ? 1 : -1;
    ctx.moveTo(x, y - s * r * 1.2);
    ctx.lineTo(x + r * 1.1, y + s * r * 0.8);
    ctx.lineTo(x - r * 1.1, y + s * r * 0.8);
    ctx.closePath();
  } else if (shape === 2) ctx.rect(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
  else {
    ctx.moveTo(x, y - r * 1.3);
    ctx.lineTo(x + r * 1.1, y);
    ctx.lineTo(x, y + r * 1.3);
    ctx.lineTo(x - r * 1.1, y);
    ctx.closePath();
  }
  ctx.fill();
  ctx.stroke();
}

/** Parse a CSS colour (#rrggbb, rgb(), rgba(), hsl(a)) into [r, g, b] by letting a canvas resolve it. */
const probe = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
export function rgb(color) {
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = "#000";
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  // a translucent colour (Material's text colours are) is taken as painted on white or black
  const under = a < 255 ? (colors().dark ? 0 : 255) : 0;
  const mix = (v) => Math.round((v * a + under * (255 - a)) / 255);
  return a < 255 ? [mix(r), mix(g), mix(b)] : [r, g, b];
}
