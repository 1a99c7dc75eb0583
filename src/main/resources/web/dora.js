// The DORA page: four tiles (deployment frequency, lead time for changes, change failure rate, time to restore)
// with their DORA 2023 level and a weekly trend, filters by service, team and environment, and the lists behind
// the numbers: which deployments failed and why, which changes took longest.
import { h, formatTime, shortSha, zoneLabel } from './ui.js';

const LEVELS = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

/** Loads the report for the filters in the URL and builds the page; mount() draws the trend charts. */
export async function renderDoraPage(params, { api, navigate }) {
  const filters = {
    service: params.get('service') || null,
    team: params.get('team') || null,
    environment: params.get('environment') || null,
    from: params.get('from') || null,
    to: params.get('to') || null,
  };
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const [report, services] = await Promise.all([api(`/api/v1/dora?${query}`), api('/api/v1/services')]);
  const go = (changes) => navigate({ page: 'dora', ...filters, ...changes });
  const tiles = tileSpecs(report).map((spec) => ({ spec, ...tile(spec) }));
  const node = h('div', { class: 'dora-page' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'DORA metrics'),
      filterForm(filters, services.items, report.productionEnvironments ?? [], go)),
    h('p', { class: 'window-note', 'data-testid': 'dora-window' },
      `${formatTime(Date.parse(report.window.from))} to ${formatTime(Date.parse(report.window.to))} (${zoneLabel()}). `
      + `Levels from ${report.levelsFrom}.`),
    h('div', { class: 'dora-tiles' }, ...tiles.map((t) => t.node)),
    failedSection(report.failedDeployments),
    changesSection(report.slowestChanges));
  const mount = () => {
    const charts = tiles.map((t) => trendChart(t.chart, report.weeks, t.spec));
    return () => charts.forEach((c) => c?.destroy());
  };
  return { node, mount };
}

/** What each tile shows: its headline, the details under it, and the weekly value drawn as its trend. */
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
      trend: (w) => w.deploymentFrequency.deployments, unit: 'deployments' },
    { key: 'leadTimeForChanges', title: 'Lead time for changes', level: l.level,
      value: l.medianHours == null ? 'No data' : hours(l.medianHours),
      detail: l.medianHours == null ? 'No changes reached production in this window'
        : `median over ${l.changes} changes · p90 ${hours(l.p90Hours)}`,
      trend: (w) => w.leadTimeForChanges.medianHours, unit: 'hours' },
    { key: 'changeFailureRate', title: 'Change failure rate', level: c.level,
      value: c.rate == null ? 'No data' : `${num(c.rate * 100)} %`,
      detail: c.rate == null ? 'No deployments in this window' : `${c.failed} of ${c.deployments} deployments failed`,
      trend: (w) => (w.changeFailureRate.rate == null ? null : w.changeFailureRate.rate * 100), unit: '%' },
    { key: 'timeToRestore', title: 'Time to restore', level: t.level,
      value: t.medianHours == null ? 'No data' : hours(t.medianHours),
      detail: (t.medianHours == null ? 'No incidents resolved in this window' : `median over ${t.incidents} incidents`)
        + ` · failed deployment recovery ${v.medianHours == null ? 'no data' : hours(v.medianHours)}`,
      trend: (w) => w.timeToRestore.medianHours, unit: 'hours' },
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

/** A small weekly trend; weeks without data are gaps, never zeros. */
function trendChart(target, weeks, spec) {
  if (typeof uPlot === 'undefined' || weeks.length === 0) return null;
  const xs = weeks.map((w) => Date.parse(w.weekStart) / 1000);
  const ys = weeks.map((w) => spec.trend(w) ?? null);
  const opts = {
    width: Math.max(target.clientWidth, 200), height: 90,
    legend: { show: false }, cursor: { show: false },
    scales: { x: { time: true } },
    axes: [{ show: false }, { show: false }],
    series: [{}, { label: spec.unit, stroke: '#5794f2', width: 2, points: { show: true, size: 5 }, spanGaps: false }],
  };
  return new uPlot(opts, [xs, ys], target);
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
