// The Shipwatch web UI: the list of services at "/", a service's graphs and deployments at "/?service=NAME".
// Plain ES2020 modules and uPlot; every page is drawn from the JSON API under /api/v1.
import { h, statusBadge, zoneLabel, formatTime, formatRelative, markerTime } from './ui.js';
import { renderServicePage } from './service.js';
import { renderDoraPage } from './dora.js';
import { renderScenarioPage, renderRunPage, scenariosSection } from './loadtest.js';
import { renderVerdictsPage } from './verdicts.js';

const TOKEN_KEY = 'shipwatch.token';
const main = document.getElementById('main');
let generation = 0; // a newer render makes the answers of an older one stale
let cleanup = () => {};

/** The API answered 401: the page asks for a token. */
class AuthRequired extends Error {}

/** The API answered with a problem; the message is its detail and the field errors it names. */
class ApiError extends Error {}

/** GETs a JSON document from the API, with the stored token if there is one. */
async function api(path) {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  if (response.status === 401) throw new AuthRequired(token ? 'refused' : 'missing');
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const fields = (body?.errors ?? []).map((e) => `${e.field}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    const detail = body?.detail ?? `${response.status} ${response.statusText}`;
    throw new ApiError([`${detail}`, ...fields].join('; '));
  }
  return body;
}

/** Goes to another page of the UI without reloading; null parameters are left out, empty ones kept. */
function navigate(params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null)).toString();
  history.pushState(null, '', query ? `/?${query}` : '/');
  render();
}

async function render() {
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  const params = new URLSearchParams(location.search);
  main.dataset.state = 'loading';
  main.setAttribute('aria-busy', 'true');
  updateTokenButton();
  try {
    const dora = params.get('page') === 'dora';
    const verdicts = params.get('page') === 'verdicts';
    const loadtest = dora || verdicts ? null : params.get('loadtest');
    const service = dora || verdicts || loadtest ? null : params.get('service');
    const context = { api, navigate, reload: render };
    let page;
    if (verdicts) {
      page = await renderVerdictsPage(params, context);
    } else if (dora) {
      page = await renderDoraPage(params, context);
    } else if (loadtest) {
      page = params.get('run') ? await renderRunPage(params, context) : await renderScenarioPage(params, context);
    } else {
      page = service ? await renderServicePage(params, context) : await renderServices();
    }
    if (!isCurrent()) return;
    show(page.node);
    cleanup = page.mount?.() ?? (() => {});
    const name = verdicts ? 'Gates and canaries' : dora ? 'DORA metrics' : loadtest ? `${loadtest} · ${params.get('scenario') ?? ''} load tests` : service;
    document.title = name ? `${name} · Shipwatch` : 'Services · Shipwatch';
    setCrumbs(name);
    main.dataset.state = 'ready';
  } catch (e) {
    if (!isCurrent()) return;
    if (e instanceof AuthRequired) {
      show(tokenForm(e.message === 'refused'));
      main.dataset.state = 'auth';
      main.querySelector('input').focus();
    } else {
      show(h('div', { class: 'problem', role: 'alert', 'data-testid': 'page-error' },
        h('strong', {}, 'Could not load this page. '), e instanceof ApiError ? e.message : String(e)));
      main.dataset.state = 'error';
      if (!(e instanceof ApiError)) console.error(e);
    }
  } finally {
    if (isCurrent()) main.removeAttribute('aria-busy');
  }
}

/** Replaces the page, letting the previous one release its charts and observers first. */
function show(node) {
  cleanup();
  cleanup = () => {};
  main.replaceChildren(node);
}

async function renderServices() {
  const [{ items }, scenarios] = await Promise.all([api('/api/v1/services'), api('/api/v1/loadtest/scenarios')]);
  const rows = [...items]
    .sort((a, b) => a.service.localeCompare(b.service) || a.environment.localeCompare(b.environment));
  const now = Date.now();
  const body = rows.length === 0
    ? [h('tr', {}, h('td', { colspan: 5, class: 'empty' },
      'No deployments recorded yet. Record one with POST /api/v1/deployments, or run shipwatch demo.'))]
    : rows.map((s) => {
      const at = markerTime(s.latest);
      return h('tr', { 'data-testid': 'service-row', dataset: { service: s.service, environment: s.environment } },
        h('th', { scope: 'row' },
          h('a', { href: `/?${new URLSearchParams({ service: s.service, environment: s.environment })}` }, s.service)),
        h('td', {}, s.environment),
        h('td', { class: 'mono' }, s.latest.version),
        h('td', {}, statusBadge(s.latest.status)),
        h('td', {}, formatRelative(at, now), h('span', { class: 'muted' }, ` · ${formatTime(at)}`)));
    });
  const node = h('section', { class: 'services' },
    h('h1', {}, 'Services'),
    h('table', { class: 'data', 'data-testid': 'services-table' },
      h('caption', { class: 'sr-only' }, 'Services with their latest deployment'),
      h('thead', {}, h('tr', {}, ...['Service', 'Environment', 'Latest version', 'Status', `Deployed (${zoneLabel()})`]
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...body)),
    scenarios.items.length > 0 && scenariosSection(scenarios.items));
  node.addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="/?"]');
    if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      navigate(Object.fromEntries(new URL(a.href).searchParams));
    }
  });
  return { node };
}

function tokenForm(refused) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help' });
  const form = h('form', { class: 'card token-form', 'data-testid': 'token-form' },
    h('h1', {}, 'API token needed'),
    h('p', { id: 'token-help' }, 'This Shipwatch server only answers requests that carry an API token. Paste a token '
      + 'with scope read. It is kept in this browser\'s local storage and sent as a bearer token.'),
    refused && h('p', { class: 'problem', role: 'alert', 'data-testid': 'token-error' },
      'The server refused the token. Check it and paste it again.'),
    h('label', { for: 'token' }, 'Read token'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Save and continue'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem(TOKEN_KEY, input.value.trim());
    render();
  });
  return form;
}

function updateTokenButton() {
  const button = document.getElementById('forget-token');
  button.hidden = !localStorage.getItem(TOKEN_KEY);
}

function setCrumbs(service) {
  const crumbs = document.getElementById('crumbs');
  crumbs.replaceChildren(service
    ? h('ol', {}, h('li', {}, h('a', { href: '/', onclick: (e) => { e.preventDefault(); navigate({}); } }, 'Services')),
      h('li', { 'aria-current': 'page' }, service))
    : h('ol', {}, h('li', { 'aria-current': 'page' }, 'Services')));
}

document.getElementById('zone').textContent = `Times in ${zoneLabel()}`;
document.getElementById('forget-token').addEventListener('click', () => {
  localStorage.removeItem(TOKEN_KEY);
  render();
});
document.getElementById('dora-link').addEventListener('click', (e) => {
  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate({ page: 'dora' });
});
window.addEventListener('popstate', render);
render();
