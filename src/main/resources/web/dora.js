// The DORA page: four tiles (deployment frequency, lead time for changes, change failure rate, time to restore)
// with their DORA 2023 level and a weekly trend chart (axes, hover for a week's value), a time range (last 7/30/90 days
// or from/to dates, kept in the URL), filters by service, team and environment, and the lists behind the numbers:
// which deployments failed and why, which changes took longest.
import { h, formatTime, shortSha, zoneLabel } from './ui.js';
import { drawCategoryChart, keepSized } from './charts.js';

const LEVELS = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

const PRESETS = { '7d': 7, '30d': 30, '90d': 90 };
const DEFAULT_PRESET = '30d'; // the API's own default window, so "/?page=dora" asks the server for it
const DAY_MS = 86_400_000;

/** Loads the report for the filters and time range in the URL and builds the page; mount() draws the trend charts. */
export async function renderDoraPage(params, { api, navigate }) {
  const filters = {
    service: params.get('service') || null,
    team: params.get('team') || null,
    environment: params.get('environment') || null,
  };
  const range = rangeOf(params);
  const query = new URLSearchParams(Object.entries({ ...filters, from: range.from, to: range.to }).filter(([, v]) => v));
  const [report, services] = await Promise.all([api(`/api/v1/dora?${query}`), api('/api/v1/services')]);
  const go = (changes) => navigate({ page: 'dora', ...filters, ...range.url, ...changes });
  const tiles = tileSpecs(report).map((spec) => ({ spec, ...tile(spec) }));
  const node = h('div', { class: 'dora-page' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'DORA metrics'),
      filterForm(filters, services.items, report.productionEnvironments ?? [], go)),
    rangePicker(range, report.window, go),
    h('p', { class: 'window-note', 'data-testid': 'dora-window', dataset: { from: report.window.from,
      to: report.window.to } },
    `${formatTime(Date.parse(report.window.from))} to ${formatTime(Date.parse(report.window.to))} (${zoneLabel()}). `
      + `Levels from ${report.levelsFrom}. Trends by ISO week (Monday to Sunday, UTC).`),
    h('div', { class: 'dora-tiles' }, ...tiles.map((t) => t.node)),
    failedSection(report.failedDeployments),
    changesSection(report.slowestChanges));
  const mount = () => {
    if (typeof uPlot === 'undefined' || report.weeks.length === 0) return () => {};
    const charts = tiles.map((t) => ({ target: t.chart, chart: trendChart(t.chart, report, t.spec) }));
    return keepSized(charts, { hide: () => {} });
  };
  return { node, mount };
}

/**
 * The window asked for in the URL: "range=7d" (the last 7 days, by this browser's clock), "from=2026-11-01&to=
 * 2026-11-30" (whole local days, both included; full timestamps are passed on as they are), or nothing for the
 * server's default 30 days. `url` is what keeps it when a filter changes.
 */
function rangeOf(params) {
  const from = params.get('from');
  const to = params.get('to');
  if (from || to) {
    return { preset: null, from: from && dayStart(from, 0), to: to && dayStart(to, 1), url: { from, to } };
  }
  const preset = PRESETS[params.get('range')] ? params.get('range') : DEFAULT_PRESET;
  if (preset === DEFAULT_PRESET) return { preset, from: null, to: null, url: {} };
  const now = Date.now();
  return { preset, from: new Date(now - PRESETS[preset] * DAY_MS).toISOString(), to: new Date(now).toISOString(),
    url: { range: preset } };
}

/** A date input's "YYYY-MM-DD" as the instant its local day (plus `days`) starts; other text is passed on. */
function dayStart(text, days) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return text;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).toISOString();
}

/** "YYYY-MM-DD" of the local day an instant falls on (for an exclusive end: of the instant just before). */
function localDay(iso, exclusiveEnd = false) {
  const d = new Date(Date.parse(iso) - (exclusiveEnd ? 1 : 0));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Last 7, 30 or 90 days, or a custom span of dates; each choice goes into the URL, so it can be shared. */
function rangePicker(range, window, go) {
  const presets = Object.keys(PRESETS).map((p) => h('button', {
    type: 'button', class: 'preset', 'aria-pressed': String(range.preset === p), 'data-testid': `dora-range-${p}`,
    onclick: () => go({ range: p === DEFAULT_PRESET ? null : p, from: null, to: null }),
  }, p));
  const fromInput = h('input', { id: 'dora-from', type: 'date', value: localDay(window.from), required: true,
    'data-testid': 'dora-from' });
  const toInput = h('input', { id: 'dora-to', type: 'date', value: localDay(window.to, true), required: true,
    'data-testid': 'dora-to' });
  const error = h('span', { class: 'field-error', role: 'alert', 'data-testid': 'dora-range-error' });
  const custom = h('form', { class: 'custom-range', 'data-testid': 'dora-custom-range' },
    h('label', { for: 'dora-from' }, 'From'), fromInput,
    h('label', { for: 'dora-to' }, 'To'), toInput,
    h('button', { type: 'submit' }, 'Apply'), error);
  custom.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!fromInput.value || !toInput.value || fromInput.value > toInput.value) {
      error.textContent = 'From must be a date on or before To.';
      return;
    }
    go({ range: null, from: fromInput.value, to: toInput.value });
  });
  return h('div', { class: 'range-row window-row', 'data-testid': 'dora-range' },
    h('div', { class: 'presets', role: 'group', 'aria-label': 'Last' },
      h('span', { class: 'muted', 'aria-hidden': 'true' }, 'Last'), ...presets),
    custom);
}

/**
 * What each tile shows: its headline, the details under it, and the weekly value drawn as its trend, with the trend's
 * axis title, tick label and hover text.
 */
function tileSpecs(r) {
  const f = r.deploymentFrequency;
  const l = r.leadTimeForChanges;
  const c = r.changeFailureRate;
  const t = r.timeToRestore;
  const v = r.failedDeploymentRecoveryTime;
  return [
    { key: 'deploymentFrequency', title: 'Deployment frequency', level: f.level,
      value: `${num(f.perWeek)} / week`,
      detail: `${f.deployments} deployments · median ${num(f.deploymentDaysPerWeekMedian)} deployment days a week`,
      trend: (w) => w.deploymentFrequency.deployments, unit: 'deployments', axisLabel: 'deployments',
      tick: (x) => num(x), show: (x) => `${num(x)} deployment${x === 1 ? '' : 's'}` },
    { key: 'leadTimeForChanges', title: 'Lead time for changes', level: l.level,
      value: l.medianHours == null ? 'No data' : hours(l.medianHours),
      detail: l.medianHours == null ? 'No changes reached production in this window'
        : `median over ${l.changes} changes · p90 ${hours(l.p90Hours)}`,
      trend: (w) => w.leadTimeForChanges.medianHours, unit: 'hours', axisLabel: 'median hours',
      tick: (x) => `${num(x)} h`, show: (x) => `median ${hours(x)}` },
    { key: 'changeFailureRate', title: 'Change failure rate', level: c.level,
      value: c.rate == null ? 'No data' : `${num(c.rate * 100)} %`,
      detail: c.rate == null ? 'No deployments in this window' : `${c.failed} of ${c.deployments} deployments failed`,
      trend: (w) => (w.changeFailureRate.rate == null ? null : w.changeFailureRate.rate * 100), unit: '%',
      axisLabel: '% failed', tick: (x) => `${num(x)}%`, show: (x) => `${num(x)} %` },
    { key: 'timeToRestore', title: 'Time to restore', level: t.level,
      value: t.medianHours == null ? 'No data' : hours(t.medianHours),
      detail: (t.medianHours == null ? 'No incidents resolved in this window' : `median over ${t.incidents} incidents`)
        + ` · failed deployment recovery ${v.medianHours == null ? 'no data' : hours(v.medianHours)}`,
      trend: (w) => w.timeToRestore.medianHours, unit: 'hours', axisLabel: 'median hours',
      tick: (x) => `${num(x)} h`, show: (x) => `median ${hours(x)}` },
  ];
}

function tile(spec) {
  const chart = h('div', { class: 'dora-trend', 'data-testid': `dora-trend-${spec.key}`,
    'aria-label': `${spec.title} by week` });
  const node = h('section', { class: 'card dora-tile', 'data-testid': `dora-tile-${spec.key}`,
    dataset: { level: spec.level ?? 'none' } },
  h('div', { class: 'dora-tile-head' }, h('h2', {}, spec.title), levelBadge(spec.level)),
  h('p', { class: 'dora-value', 'data-testid': 'dora-value' }, spec.value),
  h('p', { class: 'muted dora-detail' }, spec.detail),
  chart);
  return { node, chart };
}

function levelBadge(level) {
  return h('span', { class: `badge level level-${level ?? 'none'}`, 'data-testid': 'dora-level' },
    level ? LEVELS[level] ?? level : 'No data');
}

/** A weekly trend with axes; weeks without data are gaps, never zeros, and hovering a week shows its value. */
function trendChart(target, report, spec) {
  const windowFrom = Date.parse(report.window.from);
  const windowTo = Date.parse(report.window.to);
  const weeks = report.weeks.map((w) => {
    const start = Date.parse(`${w.weekStart}T00:00:00Z`);
    return { from: Math.max(start, windowFrom), to: Math.min(start + 7 * DAY_MS, windowTo), value: spec.trend(w) ?? null };
  });
  return drawCategoryChart(target, {
    categories: weeks.map((w) => weekLabel.format(w.from)),
    series: [{ label: spec.unit, color: '#5794f2', values: weeks.map((w) => w.value) }],
    yLabel: spec.axisLabel,
    yTick: spec.tick,
    height: 150,
    tickSpace: 52,
    tip: (i) => ({ title: period(weeks[i]), rows: [[spec.title, weeks[i].value == null ? 'no data' : spec.show(weeks[i].value)]] }),
  });
}

const weekLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayLabel = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A bucket's days in UTC, both included: "Nov 9, 2026 – Nov 15, 2026". */
function period(week) {
  const first = dayLabel.format(week.from);
  const last = dayLabel.format(week.to - 1);
  return first === last ? first : `${first} – ${last}`;
}

function filterForm(filters, services, environments, go) {
  const names = [...new Set(services.map((s) => s.service))].sort();
  const service = h('select', { id: 'dora-service', name: 'service', 'data-testid': 'dora-filter-service' },
    h('option', { value: '' }, 'All services'),
    ...names.map((n) => h('option', { value: n, selected: n === filters.service }, n)));
  const environment = h('select', { id: 'dora-environment', name: 'environment',
    'data-testid': 'dora-filter-environment' },
  h('option', { value: '' }, 'All production'),
  ...environments.map((e) => h('option', { value: e, selected: e === filters.environment }, e)));
  const team = h('input', { id: 'dora-team', name: 'team', type: 'text', value: filters.team ?? '',
    placeholder: 'any', size: 12, 'data-testid': 'dora-filter-team' });
  const form = h('form', { class: 'range-row', 'data-testid': 'dora-filters' },
    h('label', { class: 'field', for: 'dora-service' }, 'Service', service),
    h('label', { class: 'field', for: 'dora-team' }, 'Team', team),
    h('label', { class: 'field', for: 'dora-environment' }, 'Environment', environment),
    h('button', { type: 'submit' }, 'Apply'));
  const apply = () => go({ service: service.value || null, team: team.value.trim() || null,
    environment: environment.value || null });
  service.addEventListener('change', apply);
  environment.addEventListener('change', apply);
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  return form;
}

function failedSection(items) {
  const rows = items.length === 0
    ? [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No failed deployments in this window.'))]
    : items.map((d) => h('tr', { 'data-testid': 'failed-row', dataset: { deployment: d.deploymentId } },
      h('td', { class: 'nowrap' }, formatTime(Date.parse(d.finishedAt))),
      h('th', { scope: 'row' }, h('a', { href: `/?${new URLSearchParams({ service: d.service,
        environment: d.environment })}` }, d.service)),
      h('td', { class: 'mono' }, `${d.environment} · ${d.version}`),
      h('td', {}, h('ul', { class: 'reasons' }, ...d.reasons.map((r) => h('li', { dataset: { kind: r.kind } }, r.detail)))),
      h('td', {}, d.recoveryHours == null ? 'not recovered' : hours(d.recoveryHours))));
  return h('section', { class: 'dora-list' }, h('h2', {}, 'Failed deployments'),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'failed-table' },
      h('thead', {}, h('tr', {}, ...['Finished', 'Service', 'Environment · version', 'Why it failed', 'Recovered after']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows))));
}

function changesSection(items) {
  const rows = items.length === 0
    ? [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No changes reached production in this window.'))]
    : items.map((c) => h('tr', { 'data-testid': 'change-row', dataset: { sha: c.sha } },
      h('td', { class: 'mono' }, shortSha(c.sha)),
      h('th', { scope: 'row' }, c.service),
      h('td', {}, c.message ?? ''),
      h('td', { class: 'nowrap' }, formatTime(Date.parse(c.deployedAt))),
      h('td', {}, hours(c.leadHours), c.fromPullRequest ? h('span', { class: 'muted' }, ' (from its pull request)') : '')));
  return h('section', { class: 'dora-list' }, h('h2', {}, 'Slowest changes'),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'changes-table' },
      h('thead', {}, h('tr', {}, ...['Commit', 'Service', 'Message', 'Deployed', 'Lead time']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows))));
}

function hours(value) {
  if (value < 1) return `${num(value * 60)} min`;
  if (value < 48) return `${num(value)} h`;
  return `${num(value / 24)} days`;
}

function num(value) {
  return Number(value.toFixed(value < 10 ? 2 : 1)).toString();
}
