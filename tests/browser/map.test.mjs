// Browser tests of the web map in Debian's headless Chromium (playwright-core, no browser
// download). Run by scripts/browser-test.sh, which starts `sitrep serve` on the demo articles
// and passes its URL in SITREP_URL. Screenshots go to artifacts/ (and docs/screenshot.png when
// SITREP_SCREENSHOT_DOCS=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const BASE = process.env.SITREP_URL || 'http://127.0.0.1:8080';
const ROOT = new URL('../../', import.meta.url).pathname;
const ART = ROOT + 'artifacts/';
mkdirSync(ART, { recursive: true });

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => { await browser?.close(); });

async function openMap(viewport = { width: 1280, height: 800 }, path = '/') {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Fully offline: any request that leaves the server is a failure.
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) external.push(r.url()); });
  const t0 = Date.now();
  await page.goto(BASE + path);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 20000 });
  return { page, ctx, errors, external, readyMs: Date.now() - t0 };
}

test('the map loads offline, with points, legend and histogram', async () => {
  const { page, ctx, errors, external, readyMs } = await openMap();
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
  console.log(`first contentful paint ${Math.round(fcp)} ms, data ready ${readyMs} ms`);
  assert.deepEqual(errors, []);
  assert.deepEqual(external, []);
  const n = await page.evaluate(() => window.sitrep.events.length);
  assert.ok(n > 0, 'events loaded');
  assert.match(await page.textContent('#legend'), /Battles/);
  assert.ok(await page.locator('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').count() > 0, 'outlines drawn');
  await page.selectOption('#window', '0');
  await page.waitForFunction(() => document.querySelector('#date-label').textContent === 'all dates');
  await page.waitForFunction(() => document.querySelector('#event-list').dataset.shown !== '');
  await page.screenshot({ path: ART + 'map-1280x800.png' });
  if (process.env.SITREP_SCREENSHOT_DOCS === '1') await page.screenshot({ path: ROOT + 'docs/screenshot.png' });
  await ctx.close();
});

test('the slider moves the window and the URL keeps it', async () => {
  const { page, ctx } = await openMap();
  const before = await page.textContent('#date-label');
  await page.focus('#slider');
  await page.keyboard.press('Home');
  await page.waitForFunction((b) => document.querySelector('#date-label').textContent !== b, before);
  const first = await page.evaluate(() => window.sitrep.state.date);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((f) => window.sitrep.state.date !== f, first);
  const date = await page.evaluate(() => window.sitrep.state.date);
  assert.ok(date > first);
  await page.waitForURL(new RegExp(`date=${date}`), { timeout: 5000 }); // written within 250 ms
  // the same URL restores the view
  const url = page.url();
  const again = await openMap(undefined, url.slice(BASE.length));
  assert.equal(await again.page.evaluate(() => window.sitrep.state.date), date);
  await again.ctx.close();
  // play advances the date, pause stops it
  await page.click('#play');
  await page.waitForFunction((d) => window.sitrep.state.date > d, date, { timeout: 20000 });
  await page.click('#play');
  await ctx.close();
});

test('filter by type, click an event, check the evidence, open the article', async () => {
  const { page, ctx } = await openMap();
  await page.selectOption('#window', '0');
  const type = await page.evaluate(() => {
    const counts = {};
    for (const e of window.sitrep.events) if (e.acled_event_type && e.place) counts[e.acled_event_type] = (counts[e.acled_event_type] || 0) + 1;
    return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  });
  await page.selectOption('#f-type', type);
  await page.waitForFunction((t) => window.sitrep.state.type === t, type);
  await page.waitForURL(/type=/, { timeout: 5000 });
  // the list is filled in the frame after the map's
  await page.waitForFunction(() => document.querySelector('#event-list').dataset.shown !== '');
  const shown = await page.locator('#event-list button').count();
  const expected = await page.evaluate((t) => window.sitrep.events.filter((e) => e.acled_event_type === t).length, type);
  assert.equal(shown, Math.min(expected, 200));
  assert.equal(await page.getAttribute('#event-list', 'data-shown'), String(shown));
  await page.locator('#event-list button').first().click();
  const popup = page.locator('.leaflet-popup .ev-popup');
  await popup.waitFor({ timeout: 20000 });
  const id = await popup.getAttribute('data-id');
  const api = await (await page.request.get(`${BASE}/api/events/${id}`)).json();
  if (!api.acled_event_type) console.log("popup id", id, JSON.stringify(api).slice(0, 300));
  assert.equal(api.acled_event_type, type);
  assert.equal((await popup.locator('.evidence').textContent()).trim(), api.evidence.text.trim());
  assert.ok(await popup.locator('.evidence mark').count() > 0, 'spans highlighted in the evidence');
  assert.match(await popup.textContent(), new RegExp(api.certainty));
  await page.screenshot({ path: ART + 'popup.png' });
  await popup.locator('.article-link').click();
  await page.waitForSelector('#article-text', { timeout: 20000 });
  assert.ok(await page.locator('#article-text mark.a-place').count() > 0, 'places highlighted');
  assert.ok(await page.locator('#article-text mark.a-current').count() > 0, 'the event evidence marked');
  await page.screenshot({ path: ART + 'article.png', fullPage: false });
  await ctx.close();
});

test('keyboard and phone size', async () => {
  const { page, ctx } = await openMap({ width: 390, height: 844 });
  await page.screenshot({ path: ART + 'map-phone.png' });
  const box = await page.locator('#map').boundingBox();
  assert.ok(box.width >= 380 && box.height > 300, 'map visible on a phone');
  // Tab reaches the filters and the slider
  const seen = new Set();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  assert.ok(seen.has('f-type'), 'type filter reachable by Tab');
  await page.focus('#event-list button');
  await page.keyboard.press('Enter');
  await page.locator('.leaflet-popup .ev-popup').waitFor({ timeout: 20000 });
  await page.keyboard.press('Escape');
  await ctx.close();
});

test('click a point or a cluster on the map canvas', async () => {
  const { page, ctx, errors } = await openMap();
  await page.selectOption('#window', '0');
  await page.waitForFunction(() => document.querySelector('#date-label').textContent === 'all dates');
  // a cluster at the zoomed-out view: a click zooms in or lists its events
  const i = await page.evaluate(() => window.sitrep.events.findIndex((e) => e.place && e.acled_event_type));
  await page.evaluate((i) => window.sitrep.showAt(i, 3), i);
  const zoomBefore = await page.evaluate(() => new URL(location.href).searchParams.get('view'));
  let p = await page.evaluate((i) => window.sitrep.screenPoint(i), i);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction((v) => document.querySelector('.leaflet-popup .cluster-list, .leaflet-popup .ev-popup')
    || new URL(location.href).searchParams.get('view') !== v, zoomBefore, { timeout: 20000 });
  // at the closest zoom: the event itself, or the list of the events at its place
  await page.evaluate((i) => window.sitrep.showAt(i, 14), i);
  p = await page.evaluate((i) => window.sitrep.screenPoint(i), i);
  await page.mouse.click(p.x, p.y);
  await page.locator('.leaflet-popup .cluster-list, .leaflet-popup .ev-popup').first().waitFor({ timeout: 20000 });
  if (await page.locator('.leaflet-popup .cluster-list').count()) {
    await page.screenshot({ path: ART + 'cluster-list.png' });
    await page.locator('.leaflet-popup .cluster-list button').first().click();
  }
  const popup = page.locator('.leaflet-popup .ev-popup');
  await popup.waitFor({ timeout: 20000 });
  const id = await popup.getAttribute('data-id');
  const api = await (await page.request.get(`${BASE}/api/events/${id}`)).json();
  const place = await page.evaluate((i) => window.sitrep.events[i].place, i);
  assert.equal(api.place.lat, place.lat);
  assert.equal(api.place.lon, place.lon);
  assert.equal((await popup.locator('.evidence').textContent()).trim(), api.evidence.text.trim());
  assert.deepEqual(errors, []);
  await ctx.close();
});
