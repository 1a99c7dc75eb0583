// One uPlot chart per panel, with every deployment in the range drawn over it as a vertical marker line. Markers are
// DOM elements in uPlot's overlay (not canvas strokes) so they can be hovered, focused and inspected by tests.
import {
  h, STATUS, commitUrl, externalLink, statusBadge, formatDuration, formatTimeWithZone, formatValue, markerTime,
  shortSha, timeTicks,
} from './ui.js';

// Series colours chosen apart from the status colours (green, red, orange, blue) so lines never read as markers.
const SERIES_COLORS = ['#b877d9', '#fade2a', '#6ed0e0', '#f0a8ff', '#c4a000', '#8f97ff'];
const AXIS = '#a7adb7';
const GRID = 'rgba(204, 204, 220, 0.09)';
const HEIGHT = 250;
const LABEL_ROW = 20; // height of one row of marker labels above the plot
const LABEL_ROWS = 2;
const LABEL_GAP = 6;

/**
 * Keeps charts as wide as their targets and returns the function that releases them: `charts` are
 * {target, chart} pairs, `tip` the marker tooltip to hide.
 */
export function keepSized(charts, tip) {
  const observer = new ResizeObserver(() => charts.forEach((c) => c.chart.resize(c.target.clientWidth)));
  charts.forEach((c) => observer.observe(c.target));
  return () => {
    observer.disconnect();
    charts.forEach((c) => c.chart.destroy());
    tip.hide();
  };
}

/**
 * Draws a panel's series over the range [fromMs, toMs] with the deployments as markers, its legend into `legend`.
 * Returns the chart's handle: resize(width) and destroy(). onZoom(fromMs, toMs) is called when the user drags across
 * the chart.
 */
export function drawChart(target, panel, range, deployments, { legend, tip, onZoom, focusable }) {
  const from = range.from / 1000;
  const to = range.to / 1000;
  const hasData = panel.series.some((s) => s.points.some((p) => p[1] != null));
  const layer = h('div', { class: 'marker-layer' });
  const markers = deployments
    .filter((d) => markerTime(d) >= range.from && markerTime(d) <= range.to)
    .sort((a, b) => markerTime(a) - markerTime(b))
    .map((d) => markerElement(d, tip, focusable));
  layer.append(...markers.map((m) => m.el));

  const opts = {
    width: Math.max(300, target.clientWidth),
    height: HEIGHT,
    padding: [LABEL_ROW * LABEL_ROWS + 8, 20, 0, 0],
    scales: {
      x: { time: true, range: () => [from, to] },
      y: { range: (u, min, max) => yRange(min, max) },
    },
    series: [{ value: (u, v) => (v == null ? '–' : formatTimeWithZone(v * 1000)) }, ...seriesOptions(panel)],
    axes: [
      {
        stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 }, size: 48,
        values: (u, splits, axis, space, increment) => timeTicks(splits, increment),
      },
      {
        stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 }, size: 64,
        values: (u, splits) => splits.map((v) => formatValue(v, panel.unit, true)),
      },
    ],
    cursor: { sync: { key: 'shipwatch' }, drag: { x: true, y: false, setScale: false } },
    legend: { show: hasData, live: true, mount: (u, el) => legend.append(el) },
    hooks: {
      draw: [(u) => {
        if (layer.parentNode !== u.over) u.over.append(layer); // labels must be in the page to be measured
        placeMarkers(u, markers);
      }],
      setSelect: [(u) => zoomTo(u, onZoom)],
      // values only while a cursor is on some chart (they are synced); idle, a one-series legend repeats the title
      setCursor: [(u) => legend.classList.toggle('idle', u.cursor.idx == null)],
    },
  };
  legend.classList.add('idle');
  legend.classList.toggle('single', panel.series.length <= 1);
  const chart = new uPlot(opts, chartData(panel, from, to), target);
  target.dataset.xMin = String(from);
  target.dataset.xMax = String(to);
  if (!hasData) {
    chart.over.append(h('div', { class: 'no-data', 'data-testid': 'no-data' }, 'No data in this range'));
  }
  return {
    resize: (width) => chart.setSize({ width: Math.max(300, width), height: HEIGHT }),
    destroy: () => chart.destroy(),
  };
}

function seriesOptions(panel) {
  if (panel.series.length === 0) return [{ label: panel.title, stroke: 'transparent' }];
  const common = commonLabels(panel.series);
  return panel.series.map((s, i) => ({
    label: seriesLabel(s, common, panel),
    stroke: SERIES_COLORS[i % SERIES_COLORS.length],
    fill: panel.series.length === 1 ? 'rgba(184, 119, 217, 0.08)' : undefined,
    width: 1.5,
    points: { show: false },
    value: (u, v) => formatValue(v, panel.unit),
  }));
}

/** A series is named by the labels that tell it from the panel's other series, or by the panel when none do. */
function seriesLabel(series, common, panel) {
  const own = Object.entries(series.labels ?? {}).filter(([k, v]) => k !== '__name__' && common[k] !== v);
  return own.length === 0 ? panel.title : own.map(([k, v]) => `${k}="${v}"`).join(', ');
}

/** The labels every series of a panel has with the same value. */
function commonLabels(series) {
  const [first, ...rest] = series.map((s) => s.labels ?? {});
  return Object.fromEntries(Object.entries(first ?? {}).filter(([k, v]) => rest.every((l) => l[k] === v)));
}

/** uPlot wants one x array shared by all series; series with their own timestamps are joined (gaps stay gaps). */
function chartData(panel, from, to) {
  if (panel.series.length === 0) return [[from, to], [null, null]];
  const tables = panel.series.map((s) => [s.points.map((p) => p[0]), s.points.map((p) => p[1])]);
  return uPlot.join(tables);
}

function yRange(min, max) {
  if (min == null || max == null) return [0, 1];
  return uPlot.rangeNum(Math.min(0, min), max, 0.1, true);
}

function zoomTo(u, onZoom) {
  const { left, width } = u.select;
  if (width < 4) return;
  const a = u.posToVal(left, 'x');
  const b = u.posToVal(left + width, 'x');
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  onZoom(Math.round(a) * 1000, Math.round(b) * 1000);
}

function markerElement(d, tip, focusable) {
  const status = STATUS[d.status] ? d.status : 'started';
  const label = h('button', {
    type: 'button', class: 'marker-label', tabindex: focusable ? null : '-1',
    'aria-label': `Deployment ${d.version}, ${STATUS[status].label}, ${formatTimeWithZone(markerTime(d))}`,
  }, h('span', { 'aria-hidden': 'true' }, STATUS[status].glyph), ' ', d.version);
  const span = h('div', { class: 'marker-span' });
  const line = h('div', { class: 'marker-line', 'data-testid': 'marker-line' });
  const hit = h('div', { class: 'marker-hit' });
  const flag = h('div', { class: 'marker-flag' });
  const el = h('div', {
    class: `marker st-${status}`,
    'data-testid': 'marker',
    dataset: { deploymentId: d.id, version: d.version, status: d.status, time: new Date(markerTime(d)).toISOString() },
  }, span, line, hit, flag, label);
  for (const target of [label, hit, flag]) {
    target.addEventListener('mouseenter', () => tip.show(d, label));
    target.addEventListener('mouseleave', () => tip.hideSoon());
  }
  label.addEventListener('focus', () => tip.show(d, label));
  label.addEventListener('blur', () => tip.hideSoon());
  return { el, label, line, span, deployment: d };
}

/**
 * Puts each marker at its time and its label in the first row above the plot where it overlaps no other label.
 * Failures, rollbacks and running deployments get their rows first; a label that fits nowhere is hidden (its flag
 * and hover details stay).
 */
function placeMarkers(u, markers) {
  const width = u.over.clientWidth;
  for (const m of markers) {
    m.x = u.valToPos(markerTime(m.deployment) / 1000, 'x');
    m.el.style.left = `${m.x}px`;
    m.el.dataset.x = m.x.toFixed(1);
    placeSpan(u, m);
    m.label.hidden = false;
  }
  for (const m of markers) m.width = m.label.offsetWidth; // read after all writes: one layout
  const rows = Array.from({ length: LABEL_ROWS }, () => []);
  const urgent = (m) => (m.deployment.status === 'succeeded' ? 1 : 0);
  for (const m of [...markers].sort((a, b) => urgent(a) - urgent(b) || a.x - b.x)) {
    const left = Math.min(Math.max(m.x - m.width / 2, 0), width - m.width);
    const right = left + m.width;
    const row = rows.findIndex((taken) => taken.every(([l, r]) => right + LABEL_GAP <= l || left >= r + LABEL_GAP));
    if (row < 0) {
      m.label.hidden = true;
      m.el.dataset.labelRow = '';
      m.line.style.top = '0px';
      continue;
    }
    rows[row].push([left, right]);
    m.el.dataset.labelRow = String(row);
    m.label.style.left = `${left - m.x}px`;
    m.label.style.top = `${-(row + 1) * LABEL_ROW - 2}px`;
    m.line.style.top = `${-row * LABEL_ROW - 4}px`;
  }
}

/** The shaded band from start to finish of a deployment, clipped to the plot. */
function placeSpan(u, m) {
  const d = m.deployment;
  const x = m.x;
  if (!d.finishedAt) {
    m.span.hidden = true;
    return;
  }
  const start = Math.max(0, u.valToPos(Date.parse(d.startedAt) / 1000, 'x'));
  m.span.hidden = x - start < 1;
  m.span.style.left = `${start - x}px`;
  m.span.style.width = `${x - start}px`;
}

/** The one details box shown while a marker is hovered or focused; it stays open while the pointer is on it. */
export class MarkerTip {
  constructor(el, onHighlight) {
    this.el = el;
    this.onHighlight = onHighlight;
    this.timer = null;
    el.addEventListener('mouseenter', () => clearTimeout(this.timer));
    el.addEventListener('mouseleave', () => this.hideSoon());
    document.addEventListener('keydown', (e) => e.key === 'Escape' && this.hide());
  }

  show(d, anchor) {
    clearTimeout(this.timer);
    this.el.replaceChildren(...details(d));
    this.el.hidden = false;
    this.el.dataset.deploymentId = d.id;
    const a = anchor.getBoundingClientRect();
    const box = this.el.getBoundingClientRect();
    const maxLeft = document.documentElement.clientWidth - box.width - 8;
    const left = Math.min(Math.max(8, a.left + a.width / 2 - box.width / 2), maxLeft);
    const below = a.bottom + 8;
    const top = below + box.height > window.innerHeight && a.top - box.height - 8 > 0 ? a.top - box.height - 8 : below;
    this.el.style.left = `${left + window.scrollX}px`;
    this.el.style.top = `${top + window.scrollY}px`;
    this.onHighlight(d.id);
  }

  hideSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), 200);
  }

  hide() {
    clearTimeout(this.timer);
    this.el.hidden = true;
    this.onHighlight(null);
  }
}

function details(d) {
  const started = Date.parse(d.startedAt);
  const finished = d.finishedAt ? Date.parse(d.finishedAt) : null;
  const rows = [
    ['Service', `${d.service} / ${d.environment}`],
    ['Started', formatTimeWithZone(started)],
    ['Finished', finished == null
      ? 'still running' : `${formatTimeWithZone(finished)} (${formatDuration(finished - started)})`],
    ['Commit', d.commitSha ? externalLink(commitUrl(d), shortSha(d.commitSha), d.commitSha) : null],
    ['Actor', d.actor],
    ['Pipeline', d.pipelineRunUrl || d.pipelineRunId
      ? externalLink(d.pipelineRunUrl, d.pipelineRunId ? `run ${d.pipelineRunId}` : 'pipeline run') : null],
    ['Description', d.description],
  ];
  return [
    h('div', { class: 'tip-head' }, h('strong', { class: 'tip-version' }, d.version), ' ', statusBadge(d.status)),
    h('dl', {}, ...rows.filter(([, v]) => v != null && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
  ];
}

// Charts by category (one build, one week per x position) with axes, a log scale for latencies and a hover box.

const TICK_NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 3 });

/** Tick label on a log latency axis: whole milliseconds without grouping, "10 ms", "100 ms", "1000 ms". */
export function logTickLabel(ms) {
  return `${TICK_NUMBER.format(ms)} ms`;
}

/** Ticks for a log10 axis over [min, max]: each power of ten, with 2 and 5 between them when the range is short. */
export function logSplits(min, max) {
  if (!(min > 0) || !(max > min)) return [];
  const decades = Math.log10(max / min);
  const steps = decades <= 2.5 ? [1, 2, 5] : [1];
  const out = [];
  for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
    for (const s of steps) {
      const v = Number((s * 10 ** p).toPrecision(3));
      if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
    }
  }
  return out;
}

/** A y scale and axis drawing milliseconds on log10, its tick labels kept in the target's data-y-ticks. */
export function logLatencyAxis(target) {
  return {
    scale: { distr: 3, log: 10, range: (u, min, max) => (min > 0 && max > 0 ? uPlot.rangeLog(min, max, 10, true) : [1, 1000]) },
    axis: {
      stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 }, size: 72,
      splits: (u, axisIdx, min, max) => logSplits(min, max),
      filter: (u, splits) => splits, // uPlot's log filter would blank the 2s and 5s between the decades
      values: (u, splits) => {
        const labels = splits.map(logTickLabel);
        target.dataset.yTicks = labels.join('|');
        return labels;
      },
    },
  };
}

/**
 * Draws series over categories (builds, weeks) at x = 0..n-1 into `target`: `categories` are the tick labels,
 * `series` [{label, color, values}], `yLabel` the axis title, `yTick(v)` a tick label, `log` a log latency axis,
 * `marks` [{index, className, text, title, dataset}] columns drawn over the plot, `tip(i)` the hover box's
 * {title, rows: [[name, value]]}, `onPick(i)` called on a click. Returns {resize(width), destroy()}.
 */
export function drawCategoryChart(target, { categories, series, yLabel, yTick, log = false, marks = [], tip,
  onPick, height = HEIGHT, tickSpace = 64 }) {
  const n = categories.length;
  const xs = categories.map((c, i) => i);
  const y = log ? logLatencyAxis(target) : {
    scale: { range: (u, min, max) => yRange(min, max) },
    axis: {
      stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 }, size: 64,
      values: (u, splits) => {
        const labels = splits.map(yTick);
        target.dataset.yTicks = labels.join('|');
        return labels;
      },
    },
  };
  const box = h('div', { class: 'chart-tip', 'data-testid': 'chart-tip', role: 'status', hidden: true });
  const columns = h('div', { class: 'category-layer' }, ...marks.map((m) => h('div', {
    class: `category-mark ${m.className}`, 'data-testid': 'category-mark', title: m.title,
    dataset: { index: String(m.index), ...m.dataset },
  }, m.text && h('span', { class: 'category-flag' }, m.text))));
  const opts = {
    width: Math.max(300, target.clientWidth),
    height,
    padding: [marks.some((m) => m.text) ? 22 : 10, 16, 0, 0],
    legend: { show: series.length > 1, live: false },
    scales: { x: { time: false, range: () => [-0.5, n - 0.5] }, y: y.scale },
    series: [{}, ...series.map((s) => ({
      label: s.label, stroke: s.color, width: 2, spanGaps: true, points: { show: true, size: 6, fill: s.color },
    }))],
    axes: [
      {
        stroke: AXIS, grid: { show: false }, ticks: { stroke: GRID, width: 1 }, size: 40,
        splits: (u) => {
          const fit = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / tickSpace));
          const step = Math.max(1, Math.ceil(n / fit));
          return xs.filter((i) => i % step === 0);
        },
        values: (u, splits) => splits.map((i) => categories[i] ?? ''),
      },
      { ...y.axis, label: yLabel, labelSize: 18 },
    ],
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    hooks: {
      draw: [(u) => {
        if (columns.parentNode !== u.over) u.over.append(columns, box);
        const width = u.over.clientWidth / Math.max(1, n);
        for (const el of columns.children) {
          el.style.left = `${Number(el.dataset.index) * width}px`;
          el.style.width = `${width}px`;
        }
      }],
      setCursor: [(u) => showCategoryTip(u, box, tip)],
    },
  };
  const chart = new uPlot(opts, [xs, ...series.map((s) => s.values.map((v) => (log && !(v > 0) ? null : v ?? null)))],
    target);
  target.dataset.yScale = log ? 'log' : 'linear';
  chart.over.addEventListener('mouseleave', () => { box.hidden = true; });
  if (onPick) {
    chart.over.classList.add('pickable');
    chart.over.addEventListener('click', () => chart.cursor.idx != null && onPick(chart.cursor.idx));
  }
  return {
    resize: (width) => chart.setSize({ width: Math.max(300, width), height }),
    destroy: () => chart.destroy(),
  };
}

/** The hover box next to the cursor: the category's title and its values, kept inside the plot. */
function showCategoryTip(u, box, tip) {
  const i = u.cursor.idx;
  if (i == null || u.cursor.left < 0 || !tip) {
    box.hidden = true;
    return;
  }
  const { title, rows } = tip(i);
  box.replaceChildren(h('div', { class: 'tip-head' }, h('strong', {}, title)),
    h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  box.dataset.index = String(i);
  box.hidden = false;
  const width = u.over.clientWidth;
  const x = u.valToPos(i, 'x');
  const left = x + 12 + box.offsetWidth > width ? x - 12 - box.offsetWidth : x + 12;
  box.style.left = `${Math.max(0, left)}px`;
  box.style.top = '8px';
}

