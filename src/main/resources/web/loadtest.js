// Load-test pages: a scenario's history (p95 and error rate across builds, with deployment markers, and its runs) at
// "/?loadtest=SERVICE&scenario=NAME", and one run against its baseline (verdict table, per-label percentile curves of
// both on one chart) at "/?loadtest=SERVICE&scenario=NAME&run=ID". Drawn from /api/v1/loadtest/runs.
import { h, formatTime, formatTimeWithZone, formatValue } from './ui.js';
import { drawChart, keepSized, MarkerTip } from './charts.js';

const RESULT_GLYPH = { pass: '✓', warn: '!', fail: '✕' };
const BASELINE_COLOR = '#8f97ff';
const CANDIDATE_COLOR = '#fade2a';
let tip = null;

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

/** The scenario history page. */
export async function renderScenarioPage(params, { api, navigate }) {
  const service = params.get('loadtest');
  const scenario = params.get('scenario') ?? '';
  const query = new URLSearchParams({ service, scenario, limit: 100 });
  const runs = (await api(`/api/v1/loadtest/runs?${query}`)).items.slice().reverse(); // oldest first
  const times = runs.map((r) => Date.parse(r.recordedAt));
  const range = runs.length === 0 ? null
    : { from: Math.min(...times) - 60_000, to: Math.max(...times) + 60_000 };
  const deployments = range == null ? [] : (await api(`/api/v1/deployments?${new URLSearchParams({
    service, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), limit: 500 })}`)).items;
  const panels = [
    historyPanel('loadtest_p95', 'p95 latency across builds', 'ms', runs, (r) => r.total.p95Ms),
    historyPanel('loadtest_error_rate', 'Error rate across builds', 'ratio', runs, (r) => r.total.errorRate),
  ].map((panel) => ({ panel, chart: h('div', { class: 'chart', 'data-testid': `chart-${panel.id}` }),
    legend: h('div', { class: 'legend' }) }));
  const open = (run) => navigate({ loadtest: service, scenario, run: run.id });
  const node = h('div', { class: 'service-page loadtest-page' },
    h('div', { class: 'page-head' }, h('h1', {}, `${service} · ${scenario} load tests`)),
    runs.length === 0
      ? h('p', { class: 'empty', 'data-testid': 'no-runs' }, 'No runs recorded yet. Record one with '
        + `shipwatch loadtest record --service ${service} --scenario ${scenario} --version V FILE.`)
      : h('div', { class: 'panels' }, ...panels.map((p) => h('section', { class: 'panel card' },
        h('h2', {}, p.panel.title), p.chart, p.legend))),
    runsTable(runs.slice().reverse(), open));
  const mount = () => {
    if (range == null) return () => {};
    tip ??= new MarkerTip(document.getElementById('marker-tip'), () => {});
    const charts = panels.map((p, i) => ({ target: p.chart, chart: drawChart(p.chart, p.panel, range, deployments,
      { legend: p.legend, tip, onZoom: () => {}, focusable: i === 0 }) }));
    return keepSized(charts, tip);
  };
  return { node, mount };
}

function historyPanel(id, title, unit, runs, value) {
  return { id, title, unit, series: [{ labels: { scenario: 'total' },
    points: runs.map((r) => [Math.round(Date.parse(r.recordedAt) / 1000), value(r) ?? null]) }] };
}

function runsTable(runs, open) {
  const rows = runs.map((r) => {
    const link = h('a', { href: '#', onclick: (e) => { e.preventDefault(); open(r); } }, r.version);
    return h('tr', { 'data-testid': 'run-row', dataset: { status: r.status, version: r.version } },
      h('td', {}, formatTime(Date.parse(r.recordedAt))),
      h('th', { scope: 'row', class: 'mono' }, link),
      h('td', {}, h('span', { class: `badge run-${r.status}` }, r.status)),
      h('td', { class: 'num' }, String(r.total.count)),
      h('td', { class: 'num' }, formatValue(r.total.p95Ms, 'ms')),
      h('td', { class: 'num' }, formatValue(r.total.errorRate, 'ratio')),
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
        h('td', { class: 'num' }, m.change == null ? '–' : `${m.change >= 0 ? '+' : ''}${(m.change * 100).toFixed(1)}%`),
        h('td', {}, m.significant == null ? '–' : `${m.significant ? 'yes' : 'no'} (p=${m.pValue.toPrecision(2)})`),
        resultCell(m.result)));
    }
  }
  for (const s of comparison.service ?? []) {
    rows.push(h('tr', { 'data-testid': 'verdict-row', dataset: { label: 'service', metric: s.id, result: s.result } },
      h('th', { scope: 'row' }, 'service'), h('td', {}, s.title),
      h('td', { class: 'num' }, formatValue(s.baseline, s.unit)), h('td', { class: 'num' }, formatValue(s.candidate, s.unit)),
      h('td', { class: 'num' }, s.change == null ? '–' : `${s.change >= 0 ? '+' : ''}${(s.change * 100).toFixed(1)}%`),
      h('td', {}, '–'), resultCell(s.result)));
  }
  return h('section', { class: 'deployments' }, h('h2', {}, 'Verdict'),
    h('table', { class: 'data', 'data-testid': 'verdict-table' },
      h('thead', {}, h('tr', {}, ...['Label', 'Metric', 'Baseline', 'Candidate', 'Change', 'Significant', 'Result']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows)));
}

function resultCell(result) {
  return h('td', {}, h('span', { class: `badge verdict-${result}` }, `${RESULT_GLYPH[result] ?? '?'} ${result}`));
}

/** Baseline and candidate latency by percentile on one chart; x is the percentile, y milliseconds. */
function curveChart(target, legend, curve) {
  const xs = [...new Set([...curve.baseline, ...curve.candidate].map((p) => p[0]))].sort((a, b) => a - b);
  const at = (points) => xs.map((x) => points.find((p) => p[0] === x)?.[1] ?? null);
  const opts = {
    width: Math.max(300, target.clientWidth),
    height: 250,
    scales: { x: { time: false } },
    series: [
      { label: 'percentile', value: (u, v) => (v == null ? '–' : `p${v}`) },
      { label: 'baseline', stroke: BASELINE_COLOR, width: 2, spanGaps: true, value: (u, v) => formatValue(v, 'ms') },
      { label: 'candidate', stroke: CANDIDATE_COLOR, width: 2, spanGaps: true, value: (u, v) => formatValue(v, 'ms') },
    ],
    axes: [
      { stroke: '#a7adb7', values: (u, splits) => splits.map((v) => `p${v}`) },
      { stroke: '#a7adb7', size: 64, values: (u, splits) => splits.map((v) => formatValue(v, 'ms')) },
    ],
    legend: { mount: (u, el) => legend.append(el) },
  };
  // eslint-disable-next-line no-undef
  return new uPlot(opts, [xs, at(curve.baseline), at(curve.candidate)], target);
}
