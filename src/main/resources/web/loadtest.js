// Load-test pages: a scenario's history at "/?loadtest=SERVICE&scenario=NAME[&label=L]" (p50/p95/p99 and error rate
// by build in build order, failed builds and the baseline marked, for the whole run or one label, and its runs), and
// one run against its baseline at "/?loadtest=SERVICE&scenario=NAME&run=ID" (verdict table, per-label percentile
// curves of both on one chart). Drawn from /api/v1/loadtest/builds and /api/v1/loadtest/runs/ID/comparison.
import { h, formatTime, formatTimeWithZone, formatValue, markerTime } from './ui.js';
import { drawCategoryChart, keepSized, logLatencyAxis } from './charts.js';

const RESULT_GLYPH = { pass: '✓', warn: '!', fail: '✕' };
const BASELINE_COLOR = '#8f97ff';
const CANDIDATE_COLOR = '#fade2a';

/** The services page's list of load-test scenarios, each with its newest run, linking to its history. */
export function scenariosSection(items) {
  const rows = items.map((s) => h('tr', { 'data-testid': 'scenario-row', dataset: { service: s.service, scenario: s.scenario } },
    h('th', { scope: 'row' },
      h('a', { href: `/?${new URLSearchParams({ loadtest: s.service, scenario: s.scenario })}` }, s.service)),
    h('td', {}, s.scenario),
    h('td', { class: 'mono' }, s.latest.version),
    h('td', {}, h('span', { class: `badge run-${s.latest.status}` }, s.latest.status)),
    h('td', { class: 'num' }, formatValue(s.latest.total.p95Ms, 'ms')),
    h('td', {}, formatTime(Date.parse(s.latest.recordedAt)))));
  return h('section', { class: 'load-tests' },
    h('h2', {}, 'Load tests'),
    h('table', { class: 'data', 'data-testid': 'scenarios-table' },
      h('thead', {}, h('tr', {}, ...['Service', 'Scenario', 'Latest version', 'Status', 'p95', 'Recorded']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows)));
}

/** The scenario history page: latency and error rate by build, in build order, one label or the whole run. */
export async function renderScenarioPage(params, { api, navigate }) {
  const service = params.get('loadtest');
  const scenario = params.get('scenario') ?? '';
  const label = params.get('label') || null;
  const query = new URLSearchParams({ service, scenario, limit: 100 });
  if (label) query.set('label', label);
  const data = await api(`/api/v1/loadtest/builds?${query}`);
  const builds = data.items; // oldest first
  const times = builds.map((b) => Date.parse(b.recordedAt));
  const deployments = builds.length === 0 ? [] : (await api(`/api/v1/deployments?${new URLSearchParams({
    service, from: new Date(Math.min(...times) - 86_400_000).toISOString(),
    to: new Date(Math.max(...times) + 86_400_000).toISOString(), limit: 500 })}`)).items;
  const open = (run) => navigate({ loadtest: service, scenario, run: run.id });
  const panels = [
    { id: 'latency', title: 'Latency across builds (p50, p95, p99)' },
    { id: 'errors', title: 'Error rate across builds' },
  ].map((p) => ({ ...p, target: h('div', { class: 'chart', 'data-testid': `builds-${p.id}` }) }));
  const node = h('div', { class: 'service-page loadtest-page' },
    h('div', { class: 'page-head' }, h('h1', {}, `${service} · ${scenario} load tests`),
      labelPicker(data.labels, label, (l) => navigate({ loadtest: service, scenario, label: l }))),
    builds.length === 0
      ? h('p', { class: 'empty', 'data-testid': 'no-runs' }, 'No runs recorded yet. Record one with '
        + `shipwatch loadtest record --service ${service} --scenario ${scenario} --version V FILE.`)
      : h('div', { class: 'panels' },
        h('ul', { class: 'status-key' },
          h('li', { class: 'run-failed' }, h('span', { class: 'key-box' }), 'failed build'),
          h('li', { class: 'run-baseline' }, h('span', { class: 'key-box' }),
            'baseline of the newest build (click a build to compare it with its baseline)')),
        ...panels.map((p) => h('section', { class: 'panel card' }, h('h2', {}, p.title), p.target))),
    runsTable(builds.slice().reverse(), open));
  const mount = () => {
    if (builds.length === 0) return () => {};
    const charts = panels.map((p) => ({ target: p.target,
      chart: drawCategoryChart(p.target, buildChart(p.id, builds, deployments, (i) => open(builds[i]))) }));
    return keepSized(charts, { hide: () => {} });
  };
  return { node, mount };
}

/** Choose the whole run or one label (endpoint, transaction) of it. */
function labelPicker(labels, current, go) {
  const select = h('select', { id: 'loadtest-label', 'data-testid': 'label-picker' },
    h('option', { value: '' }, 'All requests'),
    ...labels.map((l) => h('option', { value: l, selected: l === current }, l)));
  select.addEventListener('change', () => go(select.value || null));
  return h('label', { class: 'field', for: 'loadtest-label' }, 'Label', select);
}

/** One across-builds chart: x is the build (its version), failed builds and the baseline marked on it. */
function buildChart(id, builds, deployments, onPick) {
  const seen = new Map();
  const categories = builds.map((b) => {
    const n = (seen.get(b.version) ?? 0) + 1;
    seen.set(b.version, n);
    const name = n > 1 ? `${b.version} #${n}` : b.version;
    return name.length > 14 ? `${name.slice(0, 13)}…` : name;
  });
  const value = (key) => builds.map((b) => b.summary?.[key] ?? null);
  const series = id === 'latency'
    ? [{ label: 'p50', color: '#73bf69', values: value('p50Ms') }, { label: 'p95', color: CANDIDATE_COLOR,
      values: value('p95Ms') }, { label: 'p99', color: '#b877d9', values: value('p99Ms') }]
    : [{ label: 'error rate', color: '#ff7383', values: value('errorRate') }];
  const marks = builds.flatMap((b, index) => [
    b.status === 'failed' && { index, className: 'run-failed', text: '✕', title: `${b.version} failed`,
      dataset: { version: b.version, status: b.status } },
    b.baseline && { index, className: 'run-baseline', text: '◆', title: `${b.version} is the baseline`,
      dataset: { version: b.version, status: b.status, baseline: 'true' } },
  ].filter(Boolean));
  return {
    categories, series, marks, onPick,
    yLabel: id === 'latency' ? 'latency (ms)' : 'error rate (%)',
    yTick: (v) => formatValue(v, id === 'latency' ? 'ms' : 'ratio', true),
    tip: (i) => buildTip(builds[i], deployments),
  };
}

function buildTip(b, deployments) {
  const s = b.summary ?? {};
  const deployed = deployments.filter((d) => d.version === b.version);
  return {
    title: `${b.version} · ${b.status}${b.baseline ? ' · baseline' : ''}`,
    rows: [
      ['Recorded', formatTimeWithZone(Date.parse(b.recordedAt))],
      ['p50', formatValue(s.p50Ms, 'ms')], ['p95', formatValue(s.p95Ms, 'ms')], ['p99', formatValue(s.p99Ms, 'ms')],
      ['Error rate', formatValue(s.errorRate, 'ratio')],
      ['Requests', s.count == null ? 'not in this run' : String(s.count)],
      ...deployed.slice(0, 3).map((d) => ['Deployed', `${d.environment}, ${formatTime(markerTime(d))}`]),
    ],
  };
}

function runsTable(runs, open) {
  const rows = runs.map((r) => {
    const link = h('a', { href: '#', onclick: (e) => { e.preventDefault(); open(r); } }, r.version);
    return h('tr', { 'data-testid': 'run-row', dataset: { status: r.status, version: r.version } },
      h('td', {}, formatTime(Date.parse(r.recordedAt))),
      h('th', { scope: 'row', class: 'mono' }, link, r.baseline ? h('span', { class: 'muted' }, ' (baseline)') : ''),
      h('td', {}, h('span', { class: `badge run-${r.status}` }, r.status)),
      h('td', { class: 'num' }, r.summary == null ? '–' : String(r.summary.count)),
      h('td', { class: 'num' }, formatValue(r.summary?.p95Ms, 'ms')),
      h('td', { class: 'num' }, formatValue(r.summary?.errorRate, 'ratio')),
      h('td', {}, r.format));
  });
  return h('section', { class: 'deployments' }, h('h2', {}, 'Runs'),
    h('table', { class: 'data', 'data-testid': 'runs-table' },
      h('thead', {}, h('tr', {}, ...['Recorded', 'Version', 'Status', 'Requests', 'p95', 'Error rate', 'Format']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows)));
}

/** The run comparison page. */
export async function renderRunPage(params, { api, navigate }) {
  const service = params.get('loadtest');
  const scenario = params.get('scenario') ?? '';
  const id = params.get('run');
  const data = await api(`/api/v1/loadtest/runs/${encodeURIComponent(id)}/comparison`);
  const result = data.comparison?.result;
  const charts = data.curves.map((c) => ({ curve: c, target: h('div', { class: 'chart', 'data-testid': 'curve-chart',
    dataset: { label: c.label } }), legend: h('div', { class: 'legend' }) }));
  const node = h('div', { class: 'service-page loadtest-page' },
    h('div', { class: 'page-head' },
      h('h1', {}, `${service} · ${scenario} · ${data.run.version}`),
      h('p', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); navigate({ loadtest: service, scenario }); } },
        'All runs of this scenario'))),
    data.baseline == null
      ? h('p', { class: 'empty', 'data-testid': 'no-baseline' }, 'No passed run was recorded before this one, so '
        + 'there is nothing to compare it with.')
      : h('p', { 'data-testid': 'verdict', dataset: { result } },
        h('span', { class: `badge verdict-${result}` }, `${RESULT_GLYPH[result]} ${result.toUpperCase()}`),
        ` against version ${data.baseline.version} (recorded ${formatTimeWithZone(Date.parse(data.baseline.recordedAt))}),`
        + ' under the default rules.'),
    data.comparison && verdictTable(data.comparison),
    h('div', { class: 'panels' }, ...charts.map((c) => h('section', { class: 'panel card' },
      h('h2', {}, `${c.curve.label}: latency by percentile`), c.target, c.legend))));
  const mount = () => {
    const plots = charts.map((c) => ({ target: c.target, plot: curveChart(c.target, c.legend, c.curve) }));
    const observer = new ResizeObserver(() => plots.forEach((p) => p.plot.setSize({
      width: Math.max(300, p.target.clientWidth), height: 250 })));
    plots.forEach((p) => observer.observe(p.target));
    return () => {
      observer.disconnect();
      plots.forEach((p) => p.plot.destroy());
    };
  };
  return { node, mount };
}

function verdictTable(comparison) {
  const rows = [];
  for (const label of comparison.labels) {
    if (label.metrics.length === 0) {
      rows.push(h('tr', { 'data-testid': 'verdict-row', dataset: { label: label.label, result: label.result } },
        h('th', { scope: 'row' }, label.label), h('td', { colspan: 5 }, label.note), resultCell(label.result)));
    }
    for (const m of label.metrics) {
      const unit = m.metric === 'errorRate' ? 'ratio' : m.metric === 'throughput' ? '/s' : 'ms';
      rows.push(h('tr', { 'data-testid': 'verdict-row', dataset: { label: label.label, metric: m.metric, result: m.result } },
        h('th', { scope: 'row' }, label.label), h('td', {}, m.metric),
        h('td', { class: 'num' }, formatValue(m.baseline, unit)), h('td', { class: 'num' }, formatValue(m.candidate, unit)),
        h('td', { class: 'num', 'data-testid': 'change' }, change(m.change, m.baseline, m.candidate, unit)),
        h('td', {}, m.significant == null ? '–' : `${m.significant ? 'yes' : 'no'} (p=${m.pValue.toPrecision(2)})`),
        resultCell(m.result)));
    }
  }
  for (const s of comparison.service ?? []) {
    rows.push(h('tr', { 'data-testid': 'verdict-row', dataset: { label: 'service', metric: s.id, result: s.result } },
      h('th', { scope: 'row' }, 'service'), h('td', {}, s.title),
      h('td', { class: 'num' }, formatValue(s.baseline, s.unit)), h('td', { class: 'num' }, formatValue(s.candidate, s.unit)),
      h('td', { class: 'num', 'data-testid': 'change' }, change(s.change, s.baseline, s.candidate, s.unit)),
      h('td', {}, '–'), resultCell(s.result)));
  }
  return h('section', { class: 'deployments' }, h('h2', {}, 'Verdict'),
    h('table', { class: 'data', 'data-testid': 'verdict-table' },
      h('thead', {}, h('tr', {}, ...['Label', 'Metric', 'Baseline', 'Candidate', 'Change', 'Significant', 'Result']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows)));
}

/**
 * A change as read: rates (error rate, ratios, percents) in percentage points, since going from 0.1% to 0.3%
 * errors is "+0.2 pp", not "+200%"; other metrics relative to the baseline.
 */
function change(relative, baseline, candidate, unit) {
  const points = { ratio: 100, percentunit: 100, percent: 1 }[unit];
  if (points != null) {
    if (baseline == null || candidate == null) return '–';
    const pp = (candidate - baseline) * points;
    return `${pp >= 0 ? '+' : '−'}${Math.abs(pp).toFixed(Math.abs(pp) < 0.1 && pp !== 0 ? 3 : 2)} pp`;
  }
  return relative == null ? '–' : `${relative >= 0 ? '+' : '−'}${Math.abs(relative * 100).toFixed(1)}%`;
}

function resultCell(result) {
  return h('td', {}, h('span', { class: `badge verdict-${result}` }, `${RESULT_GLYPH[result] ?? '?'} ${result}`));
}

/** Baseline and candidate latency by percentile on one chart; x is the percentile, y milliseconds on a log scale. */
function curveChart(target, legend, curve) {
  const xs = [...new Set([...curve.baseline, ...curve.candidate].map((p) => p[0]))].sort((a, b) => a - b);
  // a log axis has no zero: a 0 ms sample (a cached reply, a tool's rounding) is left out rather than drawn at -∞
  const at = (points) => xs.map((x) => points.find((p) => p[0] === x)?.[1]).map((v) => (v > 0 ? v : null));
  const y = logLatencyAxis(target);
  const opts = {
    width: Math.max(300, target.clientWidth),
    height: 250,
    scales: { x: { time: false }, y: y.scale },
    series: [
      { label: 'percentile', value: (u, v) => (v == null ? '–' : `p${v}`) },
      { label: 'baseline', stroke: BASELINE_COLOR, width: 2, spanGaps: true, value: (u, v) => formatValue(v, 'ms') },
      { label: 'candidate', stroke: CANDIDATE_COLOR, width: 2, spanGaps: true, value: (u, v) => formatValue(v, 'ms') },
    ],
    axes: [
      { stroke: '#a7adb7', values: (u, splits) => splits.map((v) => `p${v}`) },
      { ...y.axis, label: 'latency (ms, log scale)', labelSize: 18 },
    ],
    legend: { mount: (u, el) => legend.append(el) },
  };
  target.dataset.yScale = 'log';
  // eslint-disable-next-line no-undef
  return new uPlot(opts, [xs, at(curve.baseline), at(curve.candidate)], target);
}
