// Pipeline pages: "/pipelines.html" lists pipelines, "?pipeline=NAME" shows each step's trend over the recent runs,
// "?run=TRACE_ID" draws one run as a waterfall with its critical path marked and its bottleneck named.
import { h, zoneLabel, formatTime, formatDuration, externalLink } from './ui.js';

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

/**
 * The spans as a tree: each node has its span, depth and children (by start time). Test suites (spans of type "test"
 * with cases under them) start collapsed, so a run with thousands of imported test cases opens short.
 */
function tree(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const nodes = new Map(spans.map((s) => [s.spanId, { span: s, children: [], depth: 0, collapsed: false }]));
  const roots = [];
  for (const s of spans) {
    if (s.parentSpanId && ids.has(s.parentSpanId) && s.parentSpanId !== s.spanId) {
      nodes.get(s.parentSpanId).children.push(nodes.get(s.spanId));
    } else roots.push(nodes.get(s.spanId));
  }
  const byStart = (a, b) => ms(a.span.startTime) - ms(b.span.startTime) || a.span.name.localeCompare(b.span.name);
  const seen = new Set();
  const visit = (node, depth) => {
    if (seen.has(node)) return; // a parent cycle in bad data must not loop
    seen.add(node);
    node.depth = depth;
    node.children.sort(byStart);
    node.collapsed = node.children.length > 0 && node.span.attributes?.['shipwatch.span.type'] === 'test';
    node.children.forEach((c) => visit(c, depth + 1));
  };
  roots.sort(byStart).forEach((r) => visit(r, 0));
  return roots;
}

/** The rows to draw: every node whose ancestors are all expanded, parent first. */
function visibleRows(roots) {
  const out = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    out.push(node);
    if (!node.collapsed) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

/** A round tick interval giving at most about eight ticks over `total` milliseconds. */
function tickStep(total) {
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
    900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];
  return steps.find((s) => total / s <= 8) ?? Math.ceil(total / 8 / 86_400_000) * 86_400_000;
}

/** Ticks under the waterfall: offsets from the run's start ("0s", "30s", "1m"), placed as the bars are. */
function timeAxis(total) {
  const step = tickStep(total);
  const ticks = [];
  for (let t = 0; t <= total; t += step) {
    const end = t / total > 0.92; // labels near the right edge hang left of their tick, inside the track
    ticks.push(h('span', { class: `wf-tick${end ? ' end' : ''}`, 'data-testid': 'axis-tick', style: `left:${((t / total) * 100).toFixed(4)}%` },
      t === 0 ? '0s' : step < 1000 ? `${(t / 1000).toFixed(1)}s` : formatDuration(t)));
  }
  return h('div', { class: 'wf-row wf-axis', role: 'row', 'data-testid': 'time-axis' },
    h('div', { class: 'wf-name muted', role: 'columnheader' }, 'Span'),
    h('div', { class: 'wf-track wf-ticks', role: 'columnheader', 'aria-label': `time from the run's start, ticks every ${formatDuration(step)}` },
      ...ticks),
    h('div', { class: 'wf-dur muted', role: 'columnheader' }, 'Duration'));
}

/** Where a span is drawn: its time clipped to its parent's when it ran past it (as the analysis uses it). */
const shownStart = (span) => ms(span.clippedStartTime ?? span.startTime);
const shownEnd = (span) => ms(span.clippedEndTime ?? span.endTime);

function spanRow(node, ctx) {
  const { span, depth } = node;
  const left = ((shownStart(span) - ctx.start) / ctx.total) * 100;
  const width = ((shownEnd(span) - shownStart(span)) / ctx.total) * 100;
  const clipped = span.clippedEndTime != null;
  const classes = ['wf-row', ctx.critical.has(span.spanId) && 'critical', span.spanId === ctx.bottleneck && 'bottleneck',
    span.spanId === ctx.selected && 'selected'].filter(Boolean).join(' ');
  const exit = span.attributes?.['process.exit.code'];
  const tip = `${span.name}: ${seconds(span.durationMs)} (own ${seconds(span.exclusiveMs)}), ${statusText[span.status]}`
    + (exit != null ? `, exit ${exit}` : '') + (span.statusMessage ? ` — ${span.statusMessage}` : '')
    + (clipped ? '; drawn up to its parent\'s end, which it ran past in its report' : '');
  const toggle = node.children.length === 0 ? h('span', { class: 'wf-toggle-space' })
    : h('button', { type: 'button', class: 'wf-toggle', 'data-testid': 'toggle', 'aria-expanded': String(!node.collapsed),
      'aria-label': `${node.collapsed ? 'Expand' : 'Collapse'} ${span.name} (${node.children.length} spans)`,
      onclick: (e) => { e.stopPropagation(); ctx.toggle(node); } });
  return h('div', { class: classes, role: 'row', 'data-testid': 'span-row', tabindex: '0',
    'aria-selected': String(span.spanId === ctx.selected),
    dataset: { spanId: span.spanId, critical: String(ctx.critical.has(span.spanId)), status: span.status,
      depth: String(depth) },
    onclick: () => ctx.select(span),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); ctx.select(span); } } },
    h('div', { class: 'wf-name', role: 'cell', style: `padding-left:${4 + depth * 16}px`, title: span.name },
      toggle, span.name,
      node.collapsed && h('span', { class: 'wf-count muted', 'data-testid': 'hidden-count' }, ` (${node.children.length})`)),
    h('div', { class: 'wf-track', role: 'cell' },
      h('div', { class: `wf-bar st-${span.status}${clipped ? ' clipped' : ''}`, 'data-testid': 'span-bar', title: tip,
        style: `left:${left.toFixed(4)}%;width:${Math.max(0, width).toFixed(4)}%` })),
    h('div', { class: 'wf-dur', role: 'cell' }, seconds(span.durationMs)));
}

/** The CI page of a span: its job's or run's URL from the OpenTelemetry CI/CD attributes. */
function ciLink(span, run) {
  const a = span.attributes ?? {};
  return a['cicd.pipeline.task.run.url.full'] ?? a['cicd.pipeline.run.url.full'] ?? run.runUrl ?? null;
}

/** The panel shown for the clicked span: times, exit code, command, CI link, status and every attribute. */
function spanDetail(span, run, onClose) {
  const a = span.attributes ?? {};
  const facts = [
    ['Status', `${statusText[span.status]}${span.statusMessage ? ` — ${span.statusMessage}` : ''}`],
    ['Started', formatTime(ms(span.startTime))],
    ['Duration', `${seconds(span.durationMs)} (own ${seconds(span.exclusiveMs)})`],
    ['Exit code', a['process.exit.code'], 'detail-exit'],
    ['Command', a['process.command_line'], 'detail-command'],
    ['CI', ciLink(span, run) && externalLink(ciLink(span, run), 'open in CI'), 'detail-ci'],
    ['Drawn until', span.clippedEndTime && `${formatTime(ms(span.clippedEndTime))}, its parent's end (its report says `
      + `${formatTime(ms(span.endTime))})`],
  ].filter(([, v]) => v != null && v !== '');
  const attributes = Object.entries(a).sort(([x], [y]) => x.localeCompare(y));
  return h('aside', { class: 'wf-detail', 'data-testid': 'span-detail', 'aria-label': `Details of ${span.name}` },
    h('div', { class: 'wf-detail-head' }, h('h2', {}, span.name),
      h('button', { type: 'button', class: 'small', 'data-testid': 'detail-close', onclick: onClose }, 'Close')),
    h('dl', {}, ...facts.flatMap(([k, v, id]) => [h('dt', {}, k), h('dd', id ? { 'data-testid': id, class: 'mono' } : {}, v)])),
    attributes.length > 0 && h('table', { class: 'pl-table wf-attrs', 'data-testid': 'detail-attributes' },
      h('tbody', {}, ...attributes.map(([k, v]) => h('tr', {}, h('td', { class: 'mono' }, k),
        h('td', { class: 'mono' }, typeof v === 'object' ? JSON.stringify(v) : String(v)))))));
}

async function runPage(traceId) {
  const run = await api(`/api/v1/runs/${encodeURIComponent(traceId)}`);
  crumbs([{ text: 'Pipelines', href: '/pipelines.html' },
    { text: run.pipeline, href: `/pipelines.html?pipeline=${encodeURIComponent(run.pipeline)}` },
    { text: run.runId ? `Run #${run.runId}` : `Run ${traceId.slice(0, 8)}` }]);
  document.title = `${run.pipeline} run · Shipwatch`;
  let start = Infinity;
  let end = -Infinity;
  for (const s of run.spans) { // a loop, not Math.min(...spans): thousands of arguments can overflow the stack
    start = Math.min(start, shownStart(s));
    end = Math.max(end, shownEnd(s));
  }
  const roots = tree(run.spans);
  const body = h('div', { class: 'wf-body' });
  const detail = h('div', { class: 'wf-detail-slot' });
  const ctx = {
    start, total: Math.max(end - start, 1), critical: new Set(run.criticalPath), bottleneck: run.bottleneck, selected: null,
    toggle: (node) => { node.collapsed = !node.collapsed; draw(); },
    select: (span) => {
      ctx.selected = span.spanId;
      detail.replaceChildren(spanDetail(span, run, () => { ctx.selected = null; detail.replaceChildren(); draw(); }));
      draw();
    },
  };
  function draw() {
    body.replaceChildren(...visibleRows(roots).map((node) => spanRow(node, ctx)));
  }
  draw();
  const bottleneck = run.spans.find((s) => s.spanId === run.bottleneck);
  const setAll = (collapsed) => {
    const walk = (n) => { if (n.children.length > 0) n.collapsed = collapsed && n.depth > 0; n.children.forEach(walk); };
    roots.forEach(walk);
    draw();
  };
  return h('section', {}, h('h1', {}, `${run.pipeline} ${run.runId ? `#${run.runId}` : ''}`),
    h('div', { class: 'pl-summary' },
      h('span', {}, 'Result ', h('strong', { class: `st-${run.status}` }, run.result ?? run.status)),
      h('span', {}, 'Wall time ', h('strong', {}, seconds(run.durationMs))),
      h('span', {}, 'Started ', h('strong', {}, formatTime(start))),
      h('span', {}, 'Spans ', h('strong', { 'data-testid': 'span-count' }, String(run.spans.length))),
      h('span', { 'data-testid': 'bottleneck' }, 'Bottleneck ',
        h('strong', {}, bottleneck ? `${bottleneck.name} (${seconds(bottleneck.exclusiveMs)} of its own)` : 'none'))),
    h('div', { class: 'wf-tools' },
      h('button', { type: 'button', class: 'small', 'data-testid': 'expand-all', onclick: () => setAll(false) }, 'Expand all'),
      h('button', { type: 'button', class: 'small', 'data-testid': 'collapse-all', onclick: () => setAll(true) }, 'Collapse all'),
      h('span', { class: 'muted' }, 'Test suites start collapsed. Click a span for its details.')),
    h('div', { class: 'wf-layout' },
      h('div', { class: 'waterfall', role: 'table', 'aria-label': 'Spans of the run over time', 'data-testid': 'waterfall' },
        timeAxis(ctx.total), body),
      detail),
    h('p', { class: 'legend' }, h('span', { class: 'key' }, '●'), ' outlined: on the critical path, the spans that set '
      + 'the run\'s wall time; highlighted row: the bottleneck; hatched end: a test suite cut at its step\'s end, '
      + 'which its report ran past.'));
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
