// Gates and canaries: the list of recent verdicts at "/?page=verdicts" (filtered by service, gate or canary name and
// deployment), one gate result at "&gate-result=ID" (objectives, scores, targets, reason) and one canary analysis at
// "&canary=ID" (steps of a run, and per metric the canary's and the baseline's points with the Mann–Whitney result).
import { h, formatTime, formatTimeWithZone, formatDuration, formatValue, zoneLabel } from './ui.js';

const LIST_SIZE = 50;
const CANARY_COLOR = '#fade2a';
const BASELINE_COLOR = '#8f97ff';
const GLYPH = {
  pass: '✓', warning: '!', fail: '✕', error: '?', promote: '✓', promoted: '✓', rollback: '↺', rolled_back: '↺',
  inconclusive: '?', action_failed: '✕', high: '▲', low: '▼', nodata: '–', info: 'i',
};
const LABEL = { rolled_back: 'rolled back', action_failed: 'action failed', nodata: 'no data' };

/** A verdict's badge: glyph and word, coloured by the verdict (so colour is not the only cue). */
export function verdictBadge(value) {
  return h('span', { class: `badge vd-${value}`, dataset: { verdict: value } },
    h('span', { 'aria-hidden': 'true' }, GLYPH[value] ?? '•'), ' ', LABEL[value] ?? value);
}

/** The address of the verdicts page with these filters (null ones left out). */
export function verdictsHref(filters) {
  const query = new URLSearchParams(Object.entries({ page: 'verdicts', ...filters }).filter(([, v]) => v != null));
  return `/?${query}`;
}

/**
 * The service page's section: the service's newest gate results and canary analyses, loading after the page shows
 * (the graphs do not wait for it), with a link to all of them.
 */
export function serviceVerdictsSection(service, api, navigate) {
  const body = h('div', { class: 'verdict-tables' }, h('p', { class: 'loading' }, 'Loading verdicts…'));
  const section = h('section', { class: 'deployments', 'data-testid': 'service-verdicts' },
    h('h2', {}, 'Gates and canaries ',
      h('a', { class: 'count', href: verdictsHref({ service }), 'data-testid': 'all-verdicts-link' }, 'all verdicts')),
    body);
  followLinks(section, navigate);
  Promise.all([
    api(`/api/v1/gates/verdicts?${new URLSearchParams({ service, limit: 5 })}`),
    api(`/api/v1/canaries/analyses?${new URLSearchParams({ service, limit: 5 })}`),
  ]).then(([gates, canaries]) => body.replaceChildren(gateTable(gates.items), canaryTable(canaries.items)))
    .catch((e) => body.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, e.message || String(e))));
  return section;
}

/** The verdicts page: the list, or one gate result, or one canary analysis. */
export async function renderVerdictsPage(params, { api, navigate }) {
  const page = params.get('gate-result') ? await gatePage(params.get('gate-result'), api)
    : params.get('canary') ? await canaryPage(params, api, navigate)
      : await listPage(params, api, navigate);
  followLinks(page.node, navigate);
  return page;
}

async function listPage(params, api, navigate) {
  const filters = {
    service: params.get('service') || null, gate: params.get('gate') || null,
    deploymentId: params.get('deploymentId') || null,
  };
  const query = (name) => new URLSearchParams(Object.entries({ service: filters.service, [name]: filters.gate,
    deploymentId: filters.deploymentId, limit: LIST_SIZE }).filter(([, v]) => v != null));
  const [gates, canaries] = await Promise.all([
    api(`/api/v1/gates/verdicts?${query('gate')}`), api(`/api/v1/canaries/analyses?${query('canary')}`)]);
  const node = h('div', { class: 'verdicts-page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Gates and canaries'), filterForm(filters, navigate)),
    filters.deploymentId && h('p', { class: 'window-note', 'data-testid': 'deployment-filter' },
      `Verdicts about deployment ${filters.deploymentId}. `,
      h('a', { href: verdictsHref({ service: filters.service, gate: filters.gate }) }, 'Show all')),
    h('section', { class: 'deployments' }, h('h2', {}, 'Quality gates ',
      h('span', { class: 'count' }, `(${gates.items.length})`),
      h('span', { class: 'muted zone-note' }, ` · times in ${zoneLabel()}`)), gateTable(gates.items)),
    h('section', { class: 'deployments' }, h('h2', {}, 'Canary analyses ',
      h('span', { class: 'count' }, `(${canaries.items.length})`)), canaryTable(canaries.items)));
  return { node };
}

function filterForm(filters, navigate) {
  const input = (id, label, value) => [h('label', { for: id }, label),
    h('input', { id, name: id, value: value ?? '', size: 14, autocomplete: 'off' })];
  const form = h('form', { class: 'custom-range', 'data-testid': 'verdict-filter' },
    ...input('filter-service', 'Service', filters.service), ...input('filter-gate', 'Gate or canary', filters.gate),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim() || null;
    navigate({ page: 'verdicts', service: value('filter-service'), gate: value('filter-gate'),
      deploymentId: filters.deploymentId });
  });
  return form;
}

function gateTable(items) {
  const rows = items.length === 0
    ? [h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No gate results yet. shipwatch gate evaluate --server '
      + 'stores them.'))]
    : items.map((g) => h('tr', { 'data-testid': 'gate-row', dataset: { id: g.id, result: g.result } },
      h('td', { class: 'nowrap' }, formatTime(Date.parse(g.evaluatedAt))),
      h('th', { scope: 'row' }, h('a', { href: verdictsHref({ 'gate-result': g.id }) }, g.gate)),
      h('td', {}, g.service ?? '–'),
      h('td', { class: 'mono' }, g.version ?? '–'),
      h('td', {}, verdictBadge(g.result)),
      h('td', { class: 'num' }, g.score == null ? '–' : formatNumber(g.score)),
      h('td', {}, g.reason ?? '')));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'gates-table' },
    h('thead', {}, h('tr', {}, ...['Evaluated', 'Gate', 'Service', 'Version', 'Result', 'Score', 'Reason']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows)));
}

function canaryTable(items) {
  const rows = items.length === 0
    ? [h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No canary analyses yet. shipwatch canary run and '
      + 'canary judge --server store them.'))]
    : items.map((c) => h('tr', { 'data-testid': 'canary-row', dataset: { id: c.id, outcome: c.outcome } },
      h('td', { class: 'nowrap' }, formatTime(Date.parse(c.finishedAt))),
      h('th', { scope: 'row' }, h('a', { href: verdictsHref({ canary: c.id }) }, c.canary)),
      h('td', {}, c.service ?? '–'),
      h('td', { class: 'mono' }, c.version ?? '–'),
      h('td', {}, c.kind === 'run' ? 'canary run' : 'judgement'),
      h('td', {}, verdictBadge(c.outcome)),
      h('td', {}, c.reason ?? '')));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'canaries-table' },
    h('thead', {}, h('tr', {}, ...['Finished', 'Canary', 'Service', 'Version', 'Kind', 'Outcome', 'Reason']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows)));
}

async function gatePage(id, api) {
  const g = await api(`/api/v1/gates/verdicts/${encodeURIComponent(id)}`);
  const targets = g.totalScore;
  const node = h('div', { class: 'verdicts-page', 'data-testid': 'gate-detail', dataset: { result: g.result } },
    h('div', { class: 'page-head' }, h('h1', {}, `Gate ${g.gate}`), back(g.service)),
    facts([
      ['Result', verdictBadge(g.result)],
      ['Total score', h('span', { 'data-testid': 'total-score' }, g.score == null ? 'not scored'
        : `${formatNumber(g.score)} of 100`, targets
        ? ` · pass at ${formatNumber(targets.pass)}, warning at ${formatNumber(targets.warning)}` : '')],
      ['Reason', h('span', { 'data-testid': 'reason' }, g.reason ?? '–')],
      ['Service', [g.service ?? '–', g.environment ? ` / ${g.environment}` : '']],
      ['Version', g.version],
      ['Deployment', deploymentLink(g.deploymentId)],
      ['Window', `${formatTimeWithZone(Date.parse(g.window.start))} to ${formatTimeWithZone(Date.parse(g.window.end))}`],
      ['Evaluated', formatTimeWithZone(Date.parse(g.evaluatedAt))],
    ]),
    g.score != null && targets && scoreBar(g.score, targets),
    h('section', { class: 'deployments' }, h('h2', {}, 'Objectives'), objectivesTable(g.objectives)));
  return { node };
}

/** The score on a 0–100 meter whose colour bands are the warning and pass targets. */
function scoreBar(score, targets) {
  return h('div', { class: 'score-row' },
    h('label', { for: 'score-meter' }, 'Score'),
    h('meter', { id: 'score-meter', min: 0, max: 100, low: targets.warning, high: targets.pass, optimum: 100,
      value: score, 'data-testid': 'score-meter' }, `${formatNumber(score)}`),
    h('span', { class: 'muted' }, `0 · warning ${formatNumber(targets.warning)} · pass ${formatNumber(targets.pass)} · 100`));
}

function objectivesTable(objectives) {
  const rows = objectives.map((o) => h('tr', { 'data-testid': 'objective-row', dataset: { name: o.name, result: o.result } },
    h('th', { scope: 'row' }, o.name, o.key ? h('span', { class: 'muted', title: 'key objective: failing it fails the gate' },
      ' (key)') : ''),
    h('td', { class: 'mono query' }, o.query ?? '–'),
    h('td', { class: 'num' }, o.value == null ? '–' : formatNumber(o.value)),
    h('td', { class: 'num' }, o.baseline == null ? '–' : formatNumber(o.baseline)),
    h('td', { class: 'mono' }, o.pass ?? 'informational'),
    h('td', { class: 'mono' }, o.warning ?? '–'),
    h('td', { class: 'num', 'data-testid': 'objective-score' },
      o.score == null ? '–' : `${formatNumber(o.score)} / ${formatNumber(o.weight ?? 1)}`),
    h('td', {}, verdictBadge(o.result ?? 'error')),
    h('td', {}, o.reason ?? '')));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'objectives-table' },
    h('thead', {}, h('tr', {}, ...['Objective', 'Query', 'Value', 'Baseline', 'Pass', 'Warning', 'Score', 'Result',
      'Reason'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows)));
}

async function canaryPage(params, api, navigate) {
  const a = await api(`/api/v1/canaries/analyses/${encodeURIComponent(params.get('canary'))}`);
  const judgements = a.steps.flatMap((s, step) => s.judgements.map((j, n) => ({ ...j, step, n })));
  const asked = Number.parseInt(params.get('judgement') ?? '', 10);
  const shown = judgements[Number.isInteger(asked) && asked >= 0 && asked < judgements.length
    ? asked : judgements.length - 1];
  const charts = (shown?.metrics ?? []).map((m) => ({ metric: m, target: h('div', { class: 'chart',
    'data-testid': 'canary-chart', dataset: { metric: m.name } }), legend: h('div', { class: 'legend' }) }));
  const ended = a.kind === 'run' ? 'Ended' : 'Decision';
  const node = h('div', { class: 'verdicts-page', 'data-testid': 'canary-detail', dataset: { outcome: a.outcome } },
    h('div', { class: 'page-head' }, h('h1', {}, `Canary ${a.canary}`), back(a.service)),
    facts([
      [ended, verdictBadge(a.outcome)],
      ['Reason', h('span', { 'data-testid': 'reason' }, a.reason ?? '–')],
      ['Service', [a.service ?? '–', a.environment ? ` / ${a.environment}` : '']],
      ['Version', a.version],
      ['Deployment', deploymentLink(a.deploymentId)],
      ['Score', a.score == null ? null : formatNumber(a.score)],
      ['Ran', `${formatTimeWithZone(Date.parse(a.startedAt))} for ${formatDuration(Date.parse(a.finishedAt)
        - Date.parse(a.startedAt))}`],
    ]),
    a.kind === 'run' && stepsTable(a.steps),
    shown && judgementSection(a, shown, judgements, charts, navigate));
  const mount = () => {
    const plots = charts.map((c) => ({ target: c.target, plot: distributionChart(c.target, c.legend, c.metric) }));
    const observer = new ResizeObserver(() => plots.forEach((p) => p.plot.setSize({
      width: Math.max(300, p.target.clientWidth), height: 220 })));
    plots.forEach((p) => observer.observe(p.target));
    return () => {
      observer.disconnect();
      plots.forEach((p) => p.plot.destroy());
    };
  };
  return { node, mount };
}

function stepsTable(steps) {
  let judged = 0;
  const rows = steps.map((s, i) => {
    const first = judged;
    judged += s.judgements.length;
    const last = s.judgements[s.judgements.length - 1];
    const what = s.kind === 'setWeight' ? `canary weight ${s.weightPercent}%`
      : s.kind === 'pause' ? `pause ${formatDuration(s.pauseMillis)}`
        : `analysis: ${s.judgements.length} measurement${s.judgements.length === 1 ? '' : 's'}`;
    return h('tr', { 'data-testid': 'step-row', dataset: { kind: s.kind, phase: s.phase ?? '' } },
      h('td', { class: 'num' }, String(i + 1)),
      h('th', { scope: 'row' }, what),
      h('td', { class: 'num' }, s.weightPercent == null ? '–' : `${s.weightPercent}%`),
      h('td', {}, s.kind !== 'analyze' ? 'done' : [s.phase ?? '–', s.summary ? h('div', { class: 'muted small' },
        s.summary) : '']),
      h('td', {}, last ? h('a', { href: `?${judgementQuery(first + s.judgements.length - 1)}` },
        verdictBadge(last.decision)) : '–'));
  });
  return h('section', { class: 'deployments' }, h('h2', {}, 'Steps'),
    h('table', { class: 'data', 'data-testid': 'steps-table' },
      h('thead', {}, h('tr', {}, ...['#', 'Step', 'Weight', 'Outcome', 'Last judgement']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows)));
}

/** The current URL with another judgement picked. */
function judgementQuery(index) {
  const query = new URLSearchParams(location.search);
  query.set('judgement', String(index));
  return query.toString();
}

function judgementSection(a, shown, judgements, charts, navigate) {
  const index = judgements.indexOf(shown);
  const picker = h('select', { id: 'judgement', 'data-testid': 'judgement-picker' },
    ...judgements.map((j, i) => h('option', { value: String(i), selected: i === index },
      `step ${j.step + 1}, measurement ${j.n + 1}: ${LABEL[j.decision] ?? j.decision}`)));
  picker.addEventListener('change', () => navigate(Object.fromEntries(new URLSearchParams(judgementQuery(picker.value)))));
  const confidence = a.confidence == null ? null : `${formatNumber(a.confidence * 100)}%`;
  return h('section', { class: 'deployments', 'data-testid': 'judgement' },
    h('div', { class: 'title-row' }, h('h2', {}, 'Canary against baseline'),
      judgements.length > 1 && h('div', { class: 'field' }, h('label', { for: 'judgement' }, 'Judgement'), picker)),
    h('p', { class: 'window-note' }, verdictBadge(shown.decision), ` score ${formatNumber(shown.score)}: ${shown.reason}`,
      ` · window ${formatTimeWithZone(Date.parse(shown.from))} to ${formatTimeWithZone(Date.parse(shown.to))}`),
    h('div', { class: 'panels' }, ...charts.map((c) => metricPanel(c, confidence))));
}

function metricPanel({ metric: m, target, legend }, confidence) {
  const interval = m.lower == null ? null : `[${formatNumber(m.lower)}, ${formatNumber(m.upper)}]`;
  return h('section', { class: 'panel', 'data-testid': 'canary-metric', dataset: { metric: m.name, outcome: m.outcome } },
    h('header', { class: 'panel-head' }, h('h2', {}, m.name), verdictBadge(m.outcome),
      m.critical && h('span', { class: 'muted' }, 'critical'), legend),
    facts([
      ['Points', `canary ${m.canary.length}, baseline ${m.baseline.length}`],
      ['Mann–Whitney', m.pValue == null ? 'not run' : `p = ${formatP(m.pValue)}${confidence ? ` at ${confidence} confidence` : ''}`],
      ['Shift (Hodges–Lehmann)', m.estimate == null ? null : `${formatNumber(m.estimate)}${interval
        ? `, interval ${interval}` : ''}`],
      ['Mean ratio', m.effectSize == null ? null : formatNumber(m.effectSize)],
      ['Why', m.reason],
    ], 'metric-facts'),
    m.canary.length + m.baseline.length === 0
      ? h('p', { class: 'empty', 'data-testid': 'no-points' }, 'No points in either group.')
      : [h('p', { class: 'muted small' }, 'Each group\'s points by percentile: a canary line above the baseline\'s '
        + 'means higher values.'), target]);
}

/** Both groups' sorted points on one chart: x the percentile (0–100), y the value at it. */
function distributionChart(target, legend, metric) {
  const xs = Array.from({ length: 51 }, (_, i) => i * 2);
  const opts = {
    width: Math.max(300, target.clientWidth),
    height: 220,
    scales: { x: { time: false } },
    series: [
      { label: 'percentile', value: (u, v) => (v == null ? '–' : `p${v}`) },
      { label: 'baseline', stroke: BASELINE_COLOR, width: 2, value: (u, v) => formatValue(v) },
      { label: 'canary', stroke: CANARY_COLOR, width: 2, value: (u, v) => formatValue(v) },
    ],
    axes: [
      { stroke: '#a7adb7', values: (u, splits) => splits.map((v) => `p${v}`) },
      { stroke: '#a7adb7', size: 64, values: (u, splits) => splits.map((v) => formatValue(v, null, true)) },
    ],
    legend: { mount: (u, el) => legend.append(el) },
  };
  // eslint-disable-next-line no-undef
  return new uPlot(opts, [xs, quantiles(metric.baseline, xs), quantiles(metric.canary, xs)], target);
}

/** The value at each percentile, linearly interpolated between sorted points (R's type 7); null without points. */
function quantiles(points, percents) {
  const sorted = [...points].sort((a, b) => a - b);
  return percents.map((p) => {
    if (sorted.length === 0) return null;
    const at = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(at);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
  });
}

function facts(rows, cls = 'verdict-facts') {
  return h('dl', { class: cls }, ...rows.filter(([, v]) => v != null && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function deploymentLink(id) {
  return id ? h('a', { href: verdictsHref({ deploymentId: id }), 'data-testid': 'deployment-link', class: 'mono' },
    `${id} (its verdicts)`) : null;
}

function back(service) {
  return h('p', {}, h('a', { href: verdictsHref({ service }) }, service ? `All verdicts of ${service}` : 'All verdicts'));
}

function formatNumber(v) {
  if (v == null || !Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1000 || v === Math.round(v) ? String(Math.round(v * 100) / 100)
    : String(Number(v.toPrecision(4)));
}

function formatP(p) {
  return p < 0.0001 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

/** Links to other pages of the UI change the page without a reload (modified clicks open as usual). */
function followLinks(node, navigate) {
  node.addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="/?"], a[href^="?"]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(Object.fromEntries(new URL(a.href).searchParams));
  });
}
