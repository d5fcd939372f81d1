// Hand-drawn SVG line charts: y axis from zero to a round maximum, time on the x axis.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 400;
const HEIGHT = 180;
const MARGIN = { left: 52, right: 12, top: 12, bottom: 28 };
const Y_TICKS = 4;
const X_TICKS = 4;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least the value (and at least 1). */
export function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

function tickLabel(value, max) {
  if (max >= 10000) return `${Math.round(value / 100) / 10}k`;
  if (max >= 10) return String(Math.round(value));
  return String(Math.round(value * 100) / 100);
}

function clockLabel(unixSeconds) {
  const date = new Date(unixSeconds * 1000);
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
}

function drawAxes(root, minT, maxT, maxY) {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const axes = svg('g', { class: 'axes' });
  for (let i = 0; i <= Y_TICKS; i++) {
    const value = (maxY * i) / Y_TICKS;
    const y = MARGIN.top + plotH - (plotH * i) / Y_TICKS;
    axes.append(svg('line', { class: i === 0 ? 'axis' : 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y, y2: y }));
    axes.append(svg('text', { class: 'tick', x: MARGIN.left - 6, y: y + 4, 'text-anchor': 'end' }, tickLabel(value, maxY)));
  }
  axes.append(svg('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotH }));
  for (let i = 0; i <= X_TICKS; i++) {
    const t = minT + ((maxT - minT) * i) / X_TICKS;
    const x = MARGIN.left + (plotW * i) / X_TICKS;
    const anchor = i === 0 ? 'start' : i === X_TICKS ? 'end' : 'middle';
    axes.append(svg('line', { class: 'axis', x1: x, x2: x, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH + 4 }));
    axes.append(svg('text', { class: 'tick', x, y: HEIGHT - 8, 'text-anchor': anchor }, clockLabel(t)));
  }
  root.append(axes);
}

function polylinePoints(points, minT, maxT, maxY) {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const spanT = maxT - minT || 1;
  const parts = new Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const [t, v] = points[i];
    const x = MARGIN.left + ((t - minT) / spanT) * plotW;
    const y = MARGIN.top + plotH - (Math.max(0, v) / maxY) * plotH;
    parts[i] = `${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return parts.join(' ');
}

/**
 * Redraws one chart from [unixSeconds, value] points. Skips the work when the series is the
 * same as last time (same length, same first and last point).
 */
export function drawChart(root, points, label) {
  const series = Array.isArray(points) ? points : [];
  const signature = series.length === 0 ? 'empty'
    : `${series.length}:${series[0][0]}:${series[series.length - 1][0]}:${series[series.length - 1][1]}`;
  if (root.dataset.signature === signature) return;
  root.dataset.signature = signature;
  root.replaceChildren(svg('title', {}, label));
  if (series.length === 0) {
    root.append(svg('text', { class: 'no-data', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, 'no data yet'));
    return;
  }
  let maxV = 0;
  for (const [, v] of series) if (v > maxV) maxV = v;
  const maxY = niceCeiling(maxV);
  const minT = series[0][0];
  const maxT = Math.max(series[series.length - 1][0], minT + 1);
  drawAxes(root, minT, maxT, maxY);
  root.append(svg('polyline', {
    class: 'line',
    'data-testid': 'chart-line',
    'data-points': series.length,
    points: polylinePoints(series, minT, maxT, maxY),
  }));
}
