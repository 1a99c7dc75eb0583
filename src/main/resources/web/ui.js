// DOM building and formatting shared by the pages and the charts. Text from the API only ever reaches the page
// through text nodes and attributes set here, never as HTML.

/** Every time on the page is shown in UTC, 24-hour, as CI logs and most on-call tools write them. */
export const ZONE = 'UTC';

/** What each deployment status looks like: a label, a glyph (so colour is not the only cue) and a CSS class. */
export const STATUS = {
  succeeded: { label: 'Succeeded', glyph: '✓' },
  failed: { label: 'Failed', glyph: '✕' },
  rolled_back: { label: 'Rolled back', glyph: '↺' },
  started: { label: 'In progress', glyph: '▸' },
};

/** Creates an element; string children become text nodes, attributes are set one by one. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'href') {
      const safe = safeUrl(value);
      if (safe) el.setAttribute('href', safe);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** The URL if it is http(s) or a path on this server; anything else (javascript:, data:) is dropped. */
export function safeUrl(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  if (url.startsWith('?')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A status badge: glyph and label, coloured by status. */
export function statusBadge(status) {
  const s = STATUS[status] ?? { label: status, glyph: '?' };
  return h('span', { class: `badge st-${status}`, dataset: { status } },
    h('span', { 'aria-hidden': 'true' }, s.glyph), ' ', s.label);
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  timeZone: ZONE,
});
const dateTimeZone = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  hourCycle: 'h23', timeZoneName: 'short', timeZone: ZONE,
});
const hourMinute = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE,
});
const hourMinuteSecond = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: ZONE,
});
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: ZONE });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** The zone's IANA name with its short name when they differ: "Europe/Berlin (CET)". */
export function zoneLabel() {
  const parts = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short', timeZone: ZONE }).formatToParts(new Date());
  const short = parts.find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== ZONE ? `${ZONE} (${short})` : ZONE;
}

/** Local date and time, without the zone (tables name it in their header). */
export function formatTime(ms) {
  return ms == null ? '–' : dateTime.format(new Date(ms));
}

/** Local date and time with the zone named, for tooltips and headings. */
export function formatTimeWithZone(ms) {
  return ms == null ? '–' : dateTimeZone.format(new Date(ms));
}

/** "5m 30s", "2h 3m", "3d 4h": the two largest units. */
export function formatDuration(ms) {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '–';
  const seconds = Math.round(ms / 1000);
  const units = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts = [];
  let rest = seconds;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n}${name}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? '0s' : parts.filter((p, i) => i === 0 || !p.startsWith('0')).join(' ');
}

/** "3 minutes ago", "yesterday". */
export function formatRelative(ms, now = Date.now()) {
  const seconds = Math.round((ms - now) / 1000);
  const steps = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, 'second');
}

/** Tick labels for a time axis: hours and minutes, with the date under the first tick of each day. */
export function timeTicks(splits, incrementSeconds) {
  let previousDay = null;
  return splits.map((s) => {
    const d = new Date(s * 1000);
    const day = monthDay.format(d);
    if (incrementSeconds >= 86400) return day;
    const time = (incrementSeconds < 60 ? hourMinuteSecond : hourMinute).format(d);
    const label = day !== previousDay ? `${time}\n${day}` : time;
    previousDay = day;
    return label;
  });
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });
const precise = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/**
 * A value in its panel's unit: ratios as percentages, seconds as ms below one second. On an axis a plain unit such
 * as req/s is left out (the panel heading names it) to keep ticks short.
 */
export function formatValue(value, unit, onAxis = false) {
  if (value == null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ratio':
    case 'percentunit':
      return `${precise.format(value * 100)}%`;
    case 'percent':
      return `${precise.format(value)}%`;
    case 's':
      return Math.abs(value) < 1 && value !== 0 ? `${precise.format(value * 1000)} ms` : `${precise.format(value)} s`;
    case 'ms':
      return `${precise.format(value)} ms`;
    default:
      return onAxis || !unit ? compact.format(value) : `${compact.format(value)} ${unit}`;
  }
}

/** The first 7 characters of a commit sha, as git shows it. */
export function shortSha(sha) {
  return sha ? sha.slice(0, 7) : '';
}

/** Where a deployment's marker is drawn, in milliseconds: when it finished, or when it started while it runs. */
export function markerTime(deployment) {
  return Date.parse(deployment.finishedAt ?? deployment.startedAt);
}

/** A link to the commit on its repository host (GitHub and GitLab both answer /commit/SHA), or null. */
export function commitUrl(deployment) {
  const repo = safeUrl(deployment.repositoryUrl);
  if (!repo || !deployment.commitSha) return null;
  return `${repo.replace(/\/+$/, '')}/commit/${encodeURIComponent(deployment.commitSha)}`;
}

/** A link that opens outside the UI, or the text alone when there is no usable URL. */
export function externalLink(url, text, title) {
  return safeUrl(url)
    ? h('a', { href: url, title, target: '_blank', rel: 'noopener noreferrer' }, text)
    : h('span', { title }, text);
}
