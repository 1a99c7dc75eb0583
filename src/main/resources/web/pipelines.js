// Pipeline pages: "/pipelines.html" lists pipelines, "?pipeline=NAME" shows each step's trend over the recent runs,
// "?run=TRACE_ID" draws one run as a waterfall with its critical path marked and its bottleneck named.
import { h, zoneLabel, formatTime, formatDuration } from './ui.js';

const TOKEN_KEY = 'shipwatch.token';
const main = document.getElementById('main');

async function api(path) {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => null);
  if (response.status === 401) throw new Error('The server needs a token: enter it on the services page (/) first.');
  if (!response.ok) throw new Error(body?.detail ?? `${response.status} ${response.statusText}`);
  return body;
}

const ms = (iso) => Date.parse(iso);
/** Sub-10-second times with two decimals (a step may take 0.3 s); longer ones as "5m 30s". */
const seconds = (millis) => (millis != null && millis < 10_000 ? `${(millis / 1000).toFixed(2)} s` : formatDuration(millis));
const percent = (x) => `${(x * 100).toFixed(1)}%`;
const statusText = { ok: '✓ ok', error: '✕ error', unset: '– unset' };

function crumbs(items) {
  const nav = document.getElementById('crumbs');
  nav.replaceChildren(h('ol', {}, ...items.map((item, i) => h('li', i === items.length - 1 ? { 'aria-current': 'page' } : {},
    item.href ? h('a', { href: item.href }, item.text) : item.text))));
}

async function pipelinesPage() {
  const body = await api('/api/v1/pipelines');
  crumbs([{ text: 'Pipelines' }]);
  document.title = 'Pipelines · Shipwatch';
  if (body.items.length === 0) {
    return h('section', {}, h('h1', {}, 'Pipelines'),
      h('p', { class: 'muted' }, 'No pipeline runs yet. Trace one with shipwatch pipeline start / exec / finish, '
        + 'import one with shipwatch pipeline import, or send OTLP traces to /v1/traces.'));
  }
  return h('section', {}, h('h1', {}, 'Pipelines'),
    h('table', { class: 'pl-table', 'data-testid': 'pipelines' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Pipeline'), h('th', {}, 'Runs'), h('th', {}, 'Latest run'),
        h('th', {}, 'Result'), h('th', {}, 'Duration'))),
      h('tbody', {}, ...body.items.map((p) => h('tr', { 'data-testid': 'pipeline-row', dataset: { pipeline: p.name } },
        h('td', {}, h('a', { href: `/pipelines.html?pipeline=${encodeURIComponent(p.name)}` }, p.name)),
        h('td', { class: 'num' }, String(p.runs)),
        h('td', {}, h('a', { href: `/pipelines.html?run=${p.latest.traceId}` }, formatTime(ms(p.latest.startTime)))),
        h('td', { class: `st-${p.latest.status}` }, p.latest.result ?? p.latest.status),
        h('td', { class: 'num' }, seconds(p.latest.durationMs)))))));
}

/** An inline SVG line of the step's durations over the runs, oldest left; failed runs are red dots. */
function sparkline(points) {
  const width = 160;
  const height = 28;
  const max = Math.max(...points.map((p) => p.millis), 1);
  const x = (i) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * (width - 4) + 2);
  const y = (v) => height - 2 - (v / max) * (height - 4);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `duration over ${points.length} runs, up to ${seconds(max)}`);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.map((p, i) => `${x(i).toFixed(1)},${y(p.millis).toFixed(1)}`).join(' '));
  svg.append(line);
  points.forEach((p, i) => {
    if (!p.failed) return;
    const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    dot.setAttribute('class', 'failed');
    dot.setAttribute('cx', x(i));
    dot.setAttribute('cy', y(p.millis));
    dot.setAttribute('r', 2.5);
    svg.append(dot);
  });
  return svg;
}

async function trendsPage(name) {
  const [trends, runs] = await Promise.all([
    api(`/api/v1/pipelines/${encodeURIComponent(name)}/steps`),
    api(`/api/v1/pipelines/${encodeURIComponent(name)}/runs?limit=20`),
  ]);
  crumbs([{ text: 'Pipelines', href: '/pipelines.html' }, { text: name }]);
  document.title = `${name} · Pipelines · Shipwatch`;
  const steps = h('table', { class: 'pl-table', 'data-testid': 'trends' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'Duration over runs'), h('th', {}, 'p50'),
      h('th', {}, 'p95'), h('th', {}, 'Failure rate'), h('th', {}, 'Runs'), h('th', {}, 'Trend'))),
    h('tbody', {}, ...trends.steps.map((s) => h('tr', { 'data-testid': 'trend-row', dataset: { step: s.name } },
      h('td', {}, s.name),
      h('td', {}, sparkline(s.durations)),
      h('td', { class: 'num' }, seconds(s.p50Millis)),
      h('td', { class: 'num' }, seconds(s.p95Millis)),
      h('td', { class: 'num' }, percent(s.failureRate)),
      h('td', { class: 'num' }, String(s.runs)),
      h('td', {}, s.slowerSince
        ? h('span', { class: 'slower', 'data-testid': 'slower', title: `about ${seconds(s.slowdownMillis)} slower, p = ${s.pValue.toPrecision(2)}` },
          `slower since run ${s.slowerSince} (+${seconds(s.slowdownMillis)})`)
        : h('span', { class: 'muted' }, 'steady'))))));
  const runList = h('table', { class: 'pl-table', 'data-testid': 'runs' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Started'), h('th', {}, 'Result'), h('th', {}, 'Duration'))),
    h('tbody', {}, ...runs.items.map((r) => h('tr', {},
      h('td', {}, h('a', { href: `/pipelines.html?run=${r.traceId}` }, r.runId ? `#${r.runId}` : r.traceId.slice(0, 8))),
      h('td', {}, formatTime(ms(r.startTime))),
      h('td', { class: `st-${r.status}` }, r.result ?? r.status),
      h('td', { class: 'num' }, seconds(r.durationMs))))));
  return h('section', {}, h('h1', {}, name),
    h('p', { class: 'muted' }, `Each step over the last ${trends.steps.length ? trends.steps[0].runs : 0}+ runs, oldest left. `
      + '"Slower" is flagged only when a one-sided Mann–Whitney test finds the recent runs slower (p < 0.01) by at '
      + 'least 10% and 50 ms.'),
    steps, h('h2', { style: 'margin-top:24px' }, 'Recent runs'), runList);
}

/** Orders spans parent-first, children by start time, each with its depth. */
function tree(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map();
  const roots = [];
  for (const s of spans) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) {
      if (!children.has(s.parentSpanId)) children.set(s.parentSpanId, []);
      children.get(s.parentSpanId).push(s);
    } else roots.push(s);
  }
  const byStart = (a, b) => ms(a.startTime) - ms(b.startTime) || a.name.localeCompare(b.name);
  const out = [];
  const visit = (s, depth) => {
    out.push({ span: s, depth });
    (children.get(s.spanId) ?? []).sort(byStart).forEach((c) => visit(c, depth + 1));
  };
  roots.sort(byStart).forEach((r) => visit(r, 0));
  return out;
}

async function runPage(traceId) {
  const run = await api(`/api/v1/runs/${encodeURIComponent(traceId)}`);
  crumbs([{ text: 'Pipelines', href: '/pipelines.html' },
    { text: run.pipeline, href: `/pipelines.html?pipeline=${encodeURIComponent(run.pipeline)}` },
    { text: run.runId ? `Run #${run.runId}` : `Run ${traceId.slice(0, 8)}` }]);
  document.title = `${run.pipeline} run · Shipwatch`;
  const start = Math.min(...run.spans.map((s) => ms(s.startTime)));
  const end = Math.max(...run.spans.map((s) => ms(s.endTime)));
  const total = Math.max(end - start, 1);
  const critical = new Set(run.criticalPath);
  const bottleneck = run.spans.find((s) => s.spanId === run.bottleneck);
  const rows = tree(run.spans).map(({ span, depth }) => {
    const left = ((ms(span.startTime) - start) / total) * 100;
    const width = ((ms(span.endTime) - ms(span.startTime)) / total) * 100;
    const classes = ['wf-row', critical.has(span.spanId) && 'critical', span.spanId === run.bottleneck && 'bottleneck']
      .filter(Boolean).join(' ');
    const exit = span.attributes?.['process.exit.code'];
    const tip = `${span.name}: ${seconds(span.durationMs)} (own ${seconds(span.exclusiveMs)}), ${statusText[span.status]}`
      + (exit != null ? `, exit ${exit}` : '') + (span.statusMessage ? ` — ${span.statusMessage}` : '');
    return h('div', { class: classes, role: 'row', 'data-testid': 'span-row',
      dataset: { spanId: span.spanId, critical: String(critical.has(span.spanId)), status: span.status } },
      h('div', { class: 'wf-name', role: 'cell', style: `padding-left:${8 + depth * 16}px`, title: span.name }, span.name),
      h('div', { class: 'wf-track', role: 'cell' },
        h('div', { class: `wf-bar st-${span.status}`, 'data-testid': 'span-bar', title: tip,
          style: `left:${left.toFixed(4)}%;width:${width.toFixed(4)}%` })),
      h('div', { class: 'wf-dur', role: 'cell' }, seconds(span.durationMs)));
  });
  return h('section', {}, h('h1', {}, `${run.pipeline} ${run.runId ? `#${run.runId}` : ''}`),
    h('div', { class: 'pl-summary' },
      h('span', {}, 'Result ', h('strong', { class: `st-${run.status}` }, run.result ?? run.status)),
      h('span', {}, 'Wall time ', h('strong', {}, seconds(run.durationMs))),
      h('span', {}, 'Started ', h('strong', {}, formatTime(start))),
      h('span', { 'data-testid': 'bottleneck' }, 'Bottleneck ',
        h('strong', {}, bottleneck ? `${bottleneck.name} (${seconds(bottleneck.exclusiveMs)} of its own)` : 'none'))),
    h('div', { class: 'waterfall', role: 'table', 'aria-label': 'Spans of the run over time', 'data-testid': 'waterfall' },
      ...rows),
    h('p', { class: 'legend' }, h('span', { class: 'key' }, '●'), ' outlined: on the critical path, the spans that set '
      + 'the run\'s wall time; highlighted row: the bottleneck.'));
}

async function render() {
  const params = new URLSearchParams(location.search);
  document.getElementById('zone').textContent = zoneLabel();
  try {
    const page = params.get('run') ? await runPage(params.get('run'))
      : params.get('pipeline') ? await trendsPage(params.get('pipeline')) : await pipelinesPage();
    main.replaceChildren(page);
    main.dataset.state = 'ready';
  } catch (e) {
    main.replaceChildren(h('p', { class: 'problem', role: 'alert' }, e.message));
    main.dataset.state = 'error';
  }
}

render();
