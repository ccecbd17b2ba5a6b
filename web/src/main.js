// The sitrep web map: events on a map of country outlines, a time slider with a histogram,
// filters, a control layer and popups with the evidence; the URL keeps the view. A redraw is a
// slice of the day-ordered index (timeline.js) drawn on one canvas (points.js); the filters are
// applied only when they change.
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './app.css';
import { getJSON, loadEvents } from './api.js';
import { TYPE_COLORS, typeOf, typeColor, holderColor } from './colors.js';
import { esc, evidenceHtml } from './spans.js';
import { Histogram } from './histogram.js';
import { showArticle } from './article.js';
import { EventIndex, TYPES, dayStr } from './timeline.js';
import { PointLayer } from './points.js';
import { ControlLayer } from './control.js';

const $ = (id) => document.getElementById(id);
const dayNum = (s) => Math.round(Date.parse(s + 'T00:00:00Z') / 86400000);

const state = { date: null, win: 30, type: '', actor: '', country: '', cert: '', q: '', ctrl: true, view: null };
let events = [];
let index = null;
let map, points, control, worldLayer, histogram;

function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const k of ['date', 'type', 'actor', 'country', 'cert', 'q']) if (p.has(k)) state[k] = p.get(k);
  if (p.has('win')) state.win = Number(p.get('win')) || 0;
  if (p.has('ctrl')) state.ctrl = p.get('ctrl') !== '0';
  if (p.has('view')) {
    const [lat, lng, z] = p.get('view').split(',').map(Number);
    if ([lat, lng, z].every(Number.isFinite)) state.view = { lat, lng, z };
  }
}

let urlTimer = null, urlWritten = -Infinity;
function writeUrl() {
  const p = new URLSearchParams();
  if (state.date) p.set('date', state.date);
  p.set('win', String(state.win));
  for (const k of ['type', 'actor', 'country', 'cert', 'q']) if (state[k]) p.set(k, state[k]);
  if (!state.ctrl) p.set('ctrl', '0');
  if (map) {
    const c = map.getCenter();
    p.set('view', `${c.lat.toFixed(3)},${c.lng.toFixed(3)},${map.getZoom()}`);
  }
  const url = `/?${p}`;
  if (location.pathname !== '/' || url === location.pathname + location.search) return;
  // replaceState costs milliseconds (and browsers throttle it): at most one per 250 ms, the last
  // state always written
  const now = performance.now();
  clearTimeout(urlTimer);
  if (now - urlWritten >= 250) { urlWritten = now; history.replaceState(null, '', url); }
  else urlTimer = setTimeout(writeUrl, 250 - (now - urlWritten));
}

// The window as day numbers [from, to], or null for every date.
function windowDays() {
  if (!state.win || !state.date) return null;
  const end = dayNum(state.date);
  return Number.isFinite(end) ? [end - (state.win - 1), end] : null;
}

function popupHtml(e) {
  const actor = (a) => (a ? `${esc(a.name)} <small>(${esc(a.actor_type)})</small>` : '—');
  const sources = (e.sources || []).map((s) => `<li>${esc(s.name)}${s.role ? ` — <i>${esc(s.role)}</i>` : ''}${s.anonymous ? ' (anonymous)' : ''}</li>`).join('');
  return `<div class="ev-popup" data-id="${esc(e.id)}" data-event="${esc(e.event_id)}">
    <h3 style="border-color:${typeColor(typeOf(e))}">${esc(e.acled_event_type || e.cameo || 'Event')}${e.acled_sub_event_type ? ' · ' + esc(e.acled_sub_event_type) : ''}</h3>
    <dl>
      <dt>Actors</dt><dd class="actors">${actor(e.actor1)}${e.actor2 ? ' vs ' + actor(e.actor2) : ''}</dd>
      <dt>Date</dt><dd class="date">${esc(e.date ? e.date.value : 'unknown')}${e.date && e.date.range[0] !== e.date.range[1] ? ` <small>(${esc(e.date.range[0])} – ${esc(e.date.range[1])})</small>` : ''}</dd>
      <dt>Place</dt><dd class="place">${e.place ? `${esc(e.place.name)}${e.place.admin1 ? ', ' + esc(e.place.admin1) : ''} (${esc(e.place.country)})` : 'unknown'}</dd>
      <dt>Fatalities</dt><dd class="fatalities">${e.fatalities ?? 'none reported'}</dd>
      <dt>Certainty</dt><dd class="certainty cert-${esc(e.certainty)}">${esc(e.certainty)}${e.background ? ' · background' : ''}</dd>
      <dt>Sources</dt><dd><ul class="sources">${sources || '<li>the article</li>'}</ul></dd>
    </dl>
    <blockquote class="evidence">${evidenceHtml(e)}</blockquote>
    <a class="article-link" href="/articles/${encodeURIComponent(e.article_id)}?event=${encodeURIComponent(e.id)}">Open the article (${esc(e.doc_id)})</a>
  </div>`;
}

let listed = '';
let listRows = new Map();
let filterKey = null;
export function redraw() {
  if (!index) return;
  const t0 = performance.now();
  const key = JSON.stringify([state.type, state.actor, state.country, state.cert, state.q]);
  if (key !== filterKey) {
    index.applyFilter(index.predicate(state));
    histogram.setCounts(index.counts, index.ndays);
    filterKey = key;
  }
  const w = windowDays();
  const visible = w ? index.window(w[0], w[1]) : index.window(null);
  points.setVisible(visible);
  if (w) histogram.draw(Math.max(0, w[0] - index.firstDay), w[1] - index.firstDay);
  else histogram.draw(0, index.ndays - 1);
  $('date-label').textContent = w ? (w[0] === w[1] ? dayStr(w[1]) : `${dayStr(w[0])} – ${dayStr(w[1])}`) : 'all dates';
  $('list-title').textContent = `Events (${visible.length} of ${events.length})`;
  scheduleList(visible);
  $('status').textContent = `${visible.length} events shown`;
  document.body.dataset.redrawMs = String(Math.round(performance.now() - t0));
  writeUrl();
  if (state.ctrl) control.show(state.date); else control.clear();
}

// The side list: the latest 200 events of the window. Filled after the frame that shows the map
// (the list's layout and paint cost more than the points), once per frame however many redraws
// came in between, always with the last window; `data-shown` tells when it is up to date.
let listWanted = null;
function scheduleList(visible) {
  const pending = listWanted !== null;
  listWanted = visible;
  $('event-list').dataset.shown = '';
  if (!pending) requestAnimationFrame(() => setTimeout(renderList, 0));
}

function renderList() {
  const visible = listWanted;
  listWanted = null;
  if (!visible) return;
  const top = [];
  for (let k = visible.length - 1; k >= 0 && top.length < 200; k--) top.push(visible[k]);
  const list = $('event-list');
  const sig = top.join(',');
  if (sig !== listed) {
    listed = sig;
    // rows are kept per event, so a slider step only builds the rows entering the list (parsed
    // in one go)
    const fresh = top.filter((i) => !listRows.has(i));
    const tpl = document.createElement('template');
    tpl.innerHTML = fresh.map((i) => {
      const e = events[i];
      return `<li><button type="button" data-ev="${i}" style="border-left-color:${typeColor(typeOf(e))}">
      <b>${esc(e.date ? e.date.range[0] : '?')}</b> ${esc(e.acled_sub_event_type || e.acled_event_type || e.cameo || 'event')}
      — ${esc(e.place ? e.place.name : 'no place')}</button></li>`;
    }).join('');
    const made = new Map(fresh.map((i, k) => [i, tpl.content.children[k]]));
    const rows = top.map((i) => listRows.get(i) || made.get(i));
    // rows leaving are removed and rows entering inserted; the rows staying are not touched
    // (both lists are in the index's day order), so the browser restyles only the new ones
    const keep = new Set(rows);
    for (const li of [...list.children]) if (!keep.has(li)) li.remove();
    let at = list.firstChild;
    for (const li of rows) {
      if (li === at) at = at.nextSibling;
      else list.insertBefore(li, at);
    }
    listRows = new Map(top.map((i, k) => [i, rows[k]]));
  }
  list.dataset.shown = String(top.length);
}

// The popup of event i (an index into `events`), the event ringed on the map.
function openEvent(i) {
  const e = events[i];
  if (!e) return;
  const at = Number.isFinite(index.x[i]) ? [e.place.lat, e.place.lon] : map.getCenter();
  L.popup({ maxWidth: 380, offset: [0, -4] }).setLatLng(at).setContent(popupHtml(e)).openOn(map);
  points.setSelected(Number.isFinite(index.x[i]) ? i : -1);
}

// A click on a cluster: zoom into it, or list its events when zooming would not split it.
function openCluster(members, latlng) {
  const pts = members.filter((i) => Number.isFinite(index.x[i])).map((i) => [events[i].place.lat, events[i].place.lon]);
  const bounds = L.latLngBounds(pts);
  const z = Math.min(map.getBoundsZoom(bounds.pad(0.2)), map.getMaxZoom());
  if (z > map.getZoom() + 0.25) { map.fitBounds(bounds.pad(0.2), { maxZoom: z }); return; }
  const shown = members.slice(-100).reverse();
  const rows = shown.map((i) => {
    const e = events[i];
    return `<li><button type="button" data-ev="${i}" style="border-left-color:${typeColor(typeOf(e))}"><b>${esc(e.date ? e.date.range[0] : '?')}</b> ${esc(e.acled_sub_event_type || e.acled_event_type || 'event')} — ${esc(e.place ? e.place.name : '')}</button></li>`;
  }).join('');
  L.popup({ maxWidth: 340 }).setLatLng(latlng).setContent(
    `<div class="cluster-list"><h3>${members.length} events here${members.length > shown.length ? ` (latest ${shown.length})` : ''}</h3><ol>${rows}</ol></div>`).openOn(map);
}

function renderLegend(holders = []) {
  const types = Object.entries(TYPE_COLORS).map(([t, c]) => `<li><span class="dot" style="background:${c}"></span>${esc(t)}</li>`).join('');
  const ctrl = holders.map((h) => {
    const fill = h === 'contested' ? 'hatched' : '';
    const bg = h === 'contested' || h === 'no holder' ? '' : `background:${holderColor(h)}`;
    return `<li><span class="ring ${fill} ${h === 'no holder' ? 'none' : ''}" style="${bg}"></span>${esc(h)}</li>`;
  }).join('');
  const clusters = '<li><span class="dot cluster"></span>several events: count, ring split by type</li>';
  $('legend').innerHTML = `<h2>Event types</h2><ul>${types}${clusters}</ul>${state.ctrl ? `<h2>Control on ${esc(state.date || '')}</h2><ul>${ctrl || '<li>no known places</li>'}</ul>` : ''}`;
}

function setDateIndex(i) {
  const days = index ? index.days : [];
  i = Math.max(0, Math.min(days.length - 1, i));
  $('slider').value = String(i);
  state.date = days[i] || null;
  redraw();
}

let playTimer = null;
function togglePlay(force) {
  const playing = force !== undefined ? !force : !!playTimer;
  if (playing) {
    clearInterval(playTimer); playTimer = null;
    $('play').textContent = '▶'; $('play').setAttribute('aria-label', 'Play');
  } else {
    const ndays = index ? index.ndays : 0;
    if (Number($('slider').value) >= ndays - 1) setDateIndex(0);
    playTimer = setInterval(() => {
      const i = Number($('slider').value) + 1;
      if (i >= ndays) { togglePlay(false); return; }
      setDateIndex(i);
    }, 250);
    $('play').textContent = '⏸'; $('play').setAttribute('aria-label', 'Pause');
  }
}

function fillSelect(sel, values, current) {
  for (const v of values) {
    const o = document.createElement('option');
    o.value = v; o.textContent = v;
    sel.appendChild(o);
  }
  sel.value = current || '';
}

function bindControls() {
  const bind = (id, key, ev = 'change') => $(id).addEventListener(ev, () => { state[key] = $(id).value; redraw(); });
  bind('f-type', 'type'); bind('f-country', 'country'); bind('f-cert', 'cert');
  bind('f-actor', 'actor', 'input'); bind('f-q', 'q', 'input');
  $('f-control').addEventListener('change', () => { state.ctrl = $('f-control').checked; renderLegend(); redraw(); });
  $('window').addEventListener('change', () => { state.win = Number($('window').value); redraw(); });
  $('slider').addEventListener('input', () => setDateIndex(Number($('slider').value)));
  $('play').addEventListener('click', () => togglePlay());
  $('f-reset').addEventListener('click', () => {
    Object.assign(state, { type: '', actor: '', country: '', cert: '', q: '' });
    for (const id of ['f-type', 'f-country', 'f-cert', 'f-actor', 'f-q']) $(id).value = '';
    redraw();
  });
  $('event-list').addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-ev]');
    if (b) openEvent(Number(b.dataset.ev));
  });
  // the event buttons in a cluster's list popup
  $('map').addEventListener('click', (ev) => {
    const b = ev.target.closest('.cluster-list button[data-ev]');
    if (b) openEvent(Number(b.dataset.ev));
  });
  $('toggle-panel').addEventListener('click', () => {
    const hidden = document.body.classList.toggle('panel-hidden');
    $('toggle-panel').setAttribute('aria-expanded', String(!hidden));
    setTimeout(() => map.invalidateSize(), 50);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.target.matches('input, select, textarea')) return;
    if (ev.key === ' ' || ev.key === 'p') { ev.preventDefault(); togglePlay(); }
    if (ev.key === 'Escape') map.closePopup();
  });
  map.on('moveend', writeUrl);
}

async function bootMap() {
  readUrl();
  map = L.map('map', { preferCanvas: false, worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution('Natural Earth');
  map.setView([30, 40], 3);
  try {
    const world = await getJSON('/assets/world.json');
    worldLayer = L.geoJSON(world, { style: { color: '#8a8a8a', weight: 0.7, fillColor: '#f3f1ea', fillOpacity: 1 }, interactive: false }).addTo(map);
  } catch (_) { /* the map works without outlines */ }
  control = new ControlLayer(map, (holders) => renderLegend(holders));
  map.createPane('events').style.zIndex = '450';
  histogram = new Histogram($('histogram'), TYPES);
  fillSelect($('f-type'), Object.keys(TYPE_COLORS), state.type);
  renderLegend();
  $('f-control').checked = state.ctrl;
  for (const k of ['actor', 'q']) $('f-' + k).value = state[k];
  $('f-cert').value = state.cert;
  $('window').value = String(state.win);
  bindControls();

  events = await loadEvents(200000, (n) => { $('status').textContent = `loading… ${n} events`; });
  performance.mark('sitrep:events-loaded');
  index = new EventIndex(events);
  performance.mark('sitrep:index-built');
  const days = index.days;
  points = new PointLayer({ x: index.x, y: index.y, type: index.type, ntypes: TYPES.length, colors: TYPES.map(typeColor) },
    { pane: 'events', onPoint: openEvent, onCluster: openCluster });
  map.addLayer(points);
  map.on('popupclose', () => points.setSelected(-1));
  const countries = [...new Set(events.map((e) => e.place && e.place.country).filter(Boolean))].sort();
  fillSelect($('f-country'), countries, state.country);
  $('actors-list').innerHTML = [...new Set(events.flatMap((e) => [e.actor1?.name, e.actor2?.name]).filter(Boolean))].sort().map((a) => `<option value="${esc(a)}">`).join('');
  $('slider').max = String(Math.max(0, days.length - 1));
  let i = state.date ? days.indexOf(state.date) : -1;
  if (i < 0) i = days.length - 1;
  if (state.view) map.setView([state.view.lat, state.view.lng], state.view.z);
  else {
    // where most events are: per axis, the quartiles widened by 1.5 interquartile ranges (Tukey's
    // fences), within the events' extent, so a few far-off events do not zoom the map out
    const lats = [], lons = [];
    for (const e of events) if (e.place && Number.isFinite(e.place.lat) && Number.isFinite(e.place.lon)) { lats.push(e.place.lat); lons.push(e.place.lon); }
    if (lats.length) {
      const fence = (v) => {
        v.sort((a, b) => a - b);
        const q1 = v[Math.floor((v.length - 1) * 0.25)], q3 = v[Math.ceil((v.length - 1) * 0.75)], iqr = q3 - q1;
        return [Math.max(v[0], q1 - 1.5 * iqr), Math.min(v[v.length - 1], q3 + 1.5 * iqr)];
      };
      const [la, lb] = fence(lats), [oa, ob] = fence(lons);
      map.fitBounds([[la, oa], [lb, ob]], { padding: [30, 30], maxZoom: 6 });
    }
  }
  setDateIndex(i);
  performance.mark('sitrep:first-draw');
  document.body.dataset.ready = '1';
}

function boot() {
  const m = location.pathname.match(/^\/articles\/(.+)$/);
  if (m) {
    document.body.classList.add('article-mode');
    const ev = new URLSearchParams(location.search).get('event');
    showArticle($('article-view'), decodeURIComponent(m[1]), ev).then(() => { document.body.dataset.ready = '1'; });
    $('status').textContent = 'article view';
    return;
  }
  bootMap().catch((e) => { console.error(e && e.stack ? e.stack : String(e)); $("status").textContent = `error: ${e && e.message ? e.message : e}`; });
}

// For the browser tests and the console: the state, the events, and where event i is on screen.
window.sitrep = {
  state,
  redraw: () => redraw(),
  get events() { return events; },
  // Centre event i at a zoom (after any running zoom animation, whose end would undo the view).
  showAt(i, zoom) {
    const e = events[i];
    if (!e || !e.place) return Promise.resolve();
    return new Promise((done) => {
      const go = () => { map.setView([e.place.lat, e.place.lon], zoom, { animate: false }); done(); };
      if (map._animatingZoom) map.once('zoomend', go); else go();
    });
  },
  screenPoint(i) {
    const e = events[i];
    if (!e || !e.place) return null;
    const p = map.latLngToContainerPoint([e.place.lat, e.place.lon]);
    const r = map.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  },
};
boot();
