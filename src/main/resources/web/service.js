// The service page: environment and time-range pickers, one chart per panel with the deployments as markers, and
// the table of those deployments.
import {
  h, STATUS, statusBadge, commitUrl, externalLink, formatDuration, formatTime, formatTimeWithZone, shortSha, zoneLabel,
} from './ui.js';
import { drawChart, keepSized, MarkerTip } from './charts.js';
import { serviceVerdictsSection, verdictsHref } from './verdicts.js';

const HOUR = 3600 * 1000;
const PRESETS = { '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };
const DEFAULT_PRESET = '6h'; // the API's default range too
const MAX_WINDOW = 90 * 24 * HOUR; // the API refuses longer windows
const PAGE_SIZE = 200;
const MAX_PAGES = 100; // 20 000 markers is more than any chart can show; stop rather than loop on a bad cursor

let tip = null;

/**
 * Loads everything the page shows and builds it. Returns the page node and mount(), which draws the charts once the
 * node is in the document (uPlot needs its width) and returns a function that releases them.
 */
export async function renderServicePage(params, { api, navigate, reload }) {
  const service = params.get('service');
  const range = timeWindow(params);
  const services = await api('/api/v1/services');
  const environments = [...new Set(services.items.filter((s) => s.service === service).map((s) => s.environment))]
    .sort();
  // no environment in the URL: production's markers if there is one; an empty one means all environments
  const environment = params.get('environment') ?? defaultEnvironment(environments);
  const query = new URLSearchParams({ from: iso(range.from), to: iso(range.to) });
  if (environment) query.set('environment', environment);
  const [metrics, deployments] = await Promise.all([
    api(`/api/v1/services/${encodeURIComponent(service)}/metrics?${query}`),
    allDeployments(api, service, environment, range),
  ]);

  // a change of one picker keeps the others: the environment keeps the range, a range keeps the environment
  const shown = range.preset ? { range: range.preset } : { from: iso(range.from), to: iso(range.to) };
  const go = (changes) => navigate({ service, environment, ...shown, ...changes });
  const panels = metrics.panels.map((p, i) => ({ panel: p, ...panelNode(p, i) }));
  const node = h('div', { class: 'service-page' },
    h('div', { class: 'page-head' },
      h('div', { class: 'title-row' }, h('h1', {}, service), environmentPicker(environments, environment, go)),
      rangePicker(range, go, reload)),
    h('div', { class: 'window-row' },
      h('p', { class: 'window-note', 'data-testid': 'window' },
        `${formatTimeWithZone(range.from)} to ${formatTimeWithZone(range.to)}. Drag across a chart to zoom in.`),
      statusKey()),
    range.ignored && h('p', { class: 'problem', role: 'alert' }, range.ignored),
    metrics.demo && h('div', { class: 'banner demo', role: 'note', 'data-testid': 'demo-banner' },
      h('strong', {}, 'Demo data'), ': these graphs come from the built-in demo provider, not from a metrics backend.'),
    deployments.truncated && h('p', { class: 'problem', role: 'alert' },
      `Only the newest ${deployments.items.length} deployments are shown; pick a shorter range to see all of them.`),
    h('div', { class: 'panels' }, ...panels.map((p) => p.node)),
    deploymentsSection(deployments.items, api),
    serviceVerdictsSection(service, api, navigate));

  const mount = () => {
    tip ??= new MarkerTip(document.getElementById('marker-tip'), highlight);
    const onZoom = (from, to) => go({ from: iso(from), to: iso(to), range: null });
    const charts = panels.filter((p) => p.chart).map((p, i) => ({
      target: p.chart,
      chart: drawChart(p.chart, p.panel, range, deployments.items,
        { legend: p.legend, tip, onZoom, focusable: i === 0 }),
    }));
    return keepSized(charts, tip);
  };
  return { node, mount };
}

/** The range shown: an explicit from/to, else a preset (default 6h) ending now. */
function timeWindow(params) {
  const from = Date.parse(params.get('from') ?? '');
  const to = Date.parse(params.get('to') ?? '');
  let ignored = null;
  if (params.has('from') || params.has('to')) {
    if (Number.isFinite(from) && Number.isFinite(to) && from < to && to - from <= MAX_WINDOW) {
      return { from, to, preset: null };
    }
    ignored = `The range ${params.get('from')} to ${params.get('to')} was ignored: give RFC 3339 times, `
      + 'from before to, at most 90 days apart.';
  }
  const preset = Object.hasOwn(PRESETS, params.get('range')) ? params.get('range') : DEFAULT_PRESET;
  const end = Math.floor(Date.now() / 1000) * 1000;
  return { from: end - PRESETS[preset], to: end, preset, ignored };
}

/** Every deployment overlapping the range, following the API's pages to the end. */
async function allDeployments(api, service, environment, range) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ service, from: iso(range.from), to: iso(range.to), limit: PAGE_SIZE });
    if (environment) query.set('environment', environment);
    if (cursor) query.set('cursor', cursor);
    const answer = await api(`/api/v1/deployments?${query}`);
    items.push(...answer.items);
    cursor = answer.next;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}

function defaultEnvironment(environments) {
  if (environments.length === 1) return environments[0];
  return ['production', 'prod', 'prd', 'live'].find((e) => environments.includes(e)) ?? '';
}

function environmentPicker(environments, current, go) {
  const options = current && !environments.includes(current) ? [...environments, current] : environments;
  const select = h('select', { id: 'environment', 'data-testid': 'environment' },
    h('option', { value: '' }, 'All environments'),
    ...options.map((e) => h('option', { value: e, selected: e === current }, e)));
  select.addEventListener('change', () => go({ environment: select.value }));
  return h('div', { class: 'field' }, h('label', { for: 'environment' }, 'Environment'), select);
}

function rangePicker(range, go, reload) {
  const presets = Object.keys(PRESETS).map((p) => h('button', {
    type: 'button', class: 'preset', 'aria-pressed': String(range.preset === p), 'data-testid': `range-${p}`,
    onclick: () => go({ range: p, from: null, to: null }),
  }, p));
  const timeInput = (id, ms) => h('input', {
    id, type: 'datetime-local', step: 1, value: localInput(ms), required: true,
  });
  const fromInput = timeInput('range-from', range.from);
  const toInput = timeInput('range-to', range.to);
  const error = h('span', { class: 'field-error', role: 'alert' });
  const custom = h('form', { class: 'custom-range', 'data-testid': 'custom-range' },
    h('label', { for: 'range-from' }, 'From'), fromInput,
    h('label', { for: 'range-to' }, 'To'), toInput,
    h('button', { type: 'submit' }, 'Apply'), error);
  custom.addEventListener('submit', (e) => {
    e.preventDefault();
    const from = new Date(fromInput.value).getTime(); // a datetime-local value is read as local time
    const to = new Date(toInput.value).getTime();
    if (!(from < to)) error.textContent = 'From must be before To.';
    else if (to - from > MAX_WINDOW) error.textContent = 'Pick at most 90 days.';
    else go({ from: iso(from), to: iso(to), range: null });
  });
  return h('div', { class: 'range-row' },
    h('div', { class: 'presets', role: 'group', 'aria-label': 'Last' },
      h('span', { class: 'muted', 'aria-hidden': 'true' }, 'Last'), ...presets),
    custom,
    h('button', { type: 'button', onclick: reload, title: 'Load the graphs and deployments again' }, 'Refresh'));
}

function panelNode(panel, index) {
  const titleId = `panel-title-${index}`;
  const legend = h('div', { class: 'panel-legend' });
  const head = h('header', { class: 'panel-head' },
    h('h2', { id: titleId, title: panel.query }, panel.title),
    panel.unit && h('span', { class: 'unit' }, panel.unit),
    legend);
  const section = (...body) => h('section', {
    class: 'panel', 'data-testid': `panel-${panel.id}`, 'aria-labelledby': titleId,
  }, head, ...body);
  if (panel.error) {
    const error = h('div', { class: 'panel-error', role: 'alert', 'data-testid': 'panel-error' },
      h('strong', {}, 'The metrics backend did not answer this graph. '), panel.error);
    return { node: section(error), chart: null, legend };
  }
  const chart = h('div', { class: 'chart', 'data-testid': `chart-${panel.id}` });
  return { node: section(chart), chart, legend };
}

function statusKey() {
  return h('ul', { class: 'status-key', 'aria-label': 'Marker colours' },
    ...Object.entries(STATUS).map(([status, s]) => h('li', { class: `st-${status}` },
      h('span', { class: 'key-line', 'aria-hidden': 'true' }), `${s.glyph} ${s.label}`)));
}

function deploymentsSection(deployments, api) {
  const now = Date.now();
  const rows = deployments.length === 0
    ? [h('tr', {}, h('td', { colspan: 10, class: 'empty' }, 'No deployments in this range.'))]
    : deployments.map((d) => deploymentRow(d, api, now));
  const table = h('table', { class: 'data', 'data-testid': 'deployments-table' },
    h('caption', { class: 'sr-only' }, 'Deployments in the selected range, newest first'),
    h('thead', {}, h('tr', {}, ...['Version', 'Status', 'Environment', 'Started', 'Finished', 'Duration', 'Commit',
      'Actor', 'Pipeline', 'Delivery'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows));
  table.addEventListener('mouseover', (e) => highlight(e.target.closest('tr')?.dataset.deploymentId ?? null));
  table.addEventListener('mouseleave', () => highlight(null));
  return h('section', { class: 'deployments', 'aria-labelledby': 'deployments-title' },
    h('h2', { id: 'deployments-title' }, 'Deployments ', h('span', { class: 'count' }, `(${deployments.length})`),
      h('span', { class: 'muted zone-note' }, ` · times in ${zoneLabel()}`)),
    h('div', { class: 'table-scroll' }, table));
}

function deploymentRow(d, api, now) {
  const started = Date.parse(d.startedAt);
  const finished = d.finishedAt ? Date.parse(d.finishedAt) : null;
  const delivery = h('td', { 'data-testid': 'delivery' });
  const show = h('button', { type: 'button', class: 'small', 'aria-label': `Show delivery state of ${d.version}` },
    'Show');
  show.addEventListener('click', () => loadDeliveries(d, api, delivery, show));
  delivery.append(show);
  const pipeline = d.pipelineRunUrl || d.pipelineRunId
    ? externalLink(d.pipelineRunUrl, d.pipelineRunId ? `run ${d.pipelineRunId}` : 'pipeline run') : '–';
  const duration = finished == null ? `${formatDuration(now - started)} so far` : formatDuration(finished - started);
  return h('tr', {
    'data-testid': 'deployment-row', dataset: { deploymentId: d.id, version: d.version, status: d.status },
  },
    h('td', { class: 'mono version' }, d.version),
    h('td', { class: 'nowrap' }, statusBadge(d.status), ' ', h('a', { href: verdictsHref({ deploymentId: d.id }),
      class: 'small', 'data-testid': 'deployment-verdicts', title: `Gate and canary verdicts of ${d.version}` }, 'verdicts')),
    h('td', {}, d.environment),
    h('td', { class: 'nowrap' }, formatTime(started)),
    h('td', { class: 'nowrap' }, finished == null ? 'running' : formatTime(finished)),
    h('td', { class: 'nowrap' }, duration),
    h('td', { class: 'mono' }, d.commitSha ? externalLink(commitUrl(d), shortSha(d.commitSha), d.commitSha) : '–'),
    h('td', {}, d.actor ?? '–'),
    h('td', {}, pipeline),
    delivery);
}

async function loadDeliveries(d, api, cell, button) {
  button.disabled = true;
  button.textContent = 'Loading…';
  try {
    const full = await api(`/api/v1/deployments/${encodeURIComponent(d.id)}`);
    const deliveries = full.deliveries ?? [];
    cell.replaceChildren(deliveries.length === 0
      ? h('span', { class: 'muted' }, 'no sinks configured')
      : h('ul', { class: 'deliveries' }, ...deliveries.map(deliveryItem)));
  } catch (e) {
    cell.replaceChildren(h('span', { class: 'field-error', role: 'alert' }, e.message || 'could not load'));
  }
}

/** One sink's delivery: its state, and while it is not delivered the attempts so far and the last error. */
function deliveryItem(s) {
  const pending = s.state !== 'delivered';
  const facts = [];
  if (pending) facts.push(`${s.attempts} attempt${s.attempts === 1 ? '' : 's'}`);
  if (pending && s.nextAttemptAt) facts.push(`next ${formatTime(Date.parse(s.nextAttemptAt))}`);
  if (pending && s.lastError) facts.push(s.lastError);
  return h('li', { dataset: { sink: s.sink, state: s.state } },
    `${s.sink}: `, h('span', { class: `delivery-${s.state}` }, s.state),
    facts.length > 0 && h('div', { class: 'muted delivery-facts' }, facts.join(' · ')));
}

/** Marks one deployment's markers and table row (or none) so the eye can follow it between charts and table. */
function highlight(id) {
  document.querySelectorAll('.hl').forEach((el) => el.classList.remove('hl'));
  if (id == null) return;
  document.querySelectorAll(`[data-deployment-id="${CSS.escape(id)}"]`).forEach((el) => el.classList.add('hl'));
}

/** RFC 3339 in UTC, without milliseconds when they are zero. */
function iso(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The value a datetime-local input shows for a moment: the browser's local time, to the second. */
function localInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
