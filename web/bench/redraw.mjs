// Redraw benchmark of the web map (issue 10 target: the slider redraws 10,000 events in < 100 ms).
// Not a test: prints figures for docs/benchmarks-map.md. Drives Debian's headless Chromium through
// playwright-core against the in-memory fixture server (the sample article + N synthetic events):
//   node web/bench/redraw.mjs                 starts `cargo run --release --example fixture_server`
//   node web/bench/redraw.mjs http://HOST:PORT   uses a server that is already running
// Env: BENCH_EVENTS (default 10000), BENCH_RUNS (default 20), SITREP_ASSETS_DIR (serve /assets/*
// from this directory instead of the binary's embedded copy: for working on web/ without a rebuild).
// Each figure is timed inside the page: from the input event to the second animation frame after
// it, i.e. the frame showing the new map, histogram and labels has been produced; "with the list":
// until two frames after the side list (filled in the frame after the map's) is up to date; "js"
// is the synchronous redraw.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(new URL('../package.json', import.meta.url));
const { chromium } = require('playwright-core');
const ROOT = new URL('../../', import.meta.url).pathname;
const N = Number(process.env.BENCH_EVENTS || 10000);
const RUNS = Number(process.env.BENCH_RUNS || 20);

async function startServer() {
  const child = spawn('cargo', ['run', '--release', '-q', '-p', 'sitrep-server', '--example', 'fixture_server', '--', '127.0.0.1:0', String(N)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    rl.once('line', (l) => resolve(l.trim().replace(/\/$/, '')));
    child.once('exit', (c) => reject(new Error(`fixture_server exited ${c}`)));
  });
  return { url, child };
}

const server = process.argv[2] ? { url: process.argv[2].replace(/\/$/, ''), child: null } : await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (process.env.SITREP_ASSETS_DIR) {
    const dir = process.env.SITREP_ASSETS_DIR.replace(/\/$/, '');
    await page.route('**/assets/*', (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      const type = name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : 'application/json';
      route.fulfill({ body: readFileSync(`${dir}/${name}`), contentType: type });
    });
  }
  const t0 = Date.now();
  await page.goto(server.url + '/?win=30');
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 120000 });
  const readyMs = Date.now() - t0;
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
  const n = await page.evaluate(() => window.sitrep.events.length);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
  console.log(`events loaded: ${n}; first contentful paint ${Math.round(fcp)} ms; data ready ${readyMs} ms; page marks ${JSON.stringify(marks)}`);

  // One timed change inside the page: `act` names the change, returns [total ms, js ms, shown].
  const timed = (act) => page.evaluate(async (act) => {
    const $ = (id) => document.getElementById(id);
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    await frame();
    const t = performance.now();
    if (act.kind === 'none') {
      // nothing: the cost of two frames on their own
    } else if (act.kind === 'slider') {
      const s = $('slider');
      s.value = String(Number(s.value) + act.step);
      s.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const el = $(act.id);
      el.value = act.value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await frame(); await frame();
    const map = performance.now() - t;
    // then the side list, filled in the frame after
    while (document.getElementById('event-list').dataset.shown === '') await frame();
    await frame(); await frame();
    return [map, performance.now() - t, act.kind === 'none' ? 0 : Number(document.body.dataset.redrawMs || -1), Number((/\((\d+) of/.exec($('list-title').textContent) || [0, -1])[1])];
  }, act);
  const set = (id, value) => timed({ kind: 'set', id, value });
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
  };
  async function series(label, prepare, act) {
    await prepare();
    const tot = [], all = [], js = [];
    let shown = 0;
    for (let i = 0; i < RUNS; i++) {
      const [a, l, b, c] = await act(i);
      tot.push(a); all.push(l); js.push(b); shown = Math.max(shown, c);
    }
    console.log(`${label} (${RUNS} runs, up to ${shown} events shown): map frame ${stats(tot)}; with the list ${stats(all)}; js ${stats(js)}`);
  }
  const lastDay = await page.evaluate(() => Number(document.getElementById('slider').max));
  const toStart = async (win, back) => {
    await set('window', String(win));
    await page.evaluate((i) => { const s = document.getElementById('slider'); s.value = String(i); s.dispatchEvent(new Event('input')); }, lastDay - back);
  };
  await series('no change (two idle frames, the floor of this measure)', () => toStart(0, 0), () => timed({ kind: 'none' }));
  await series('slider step, window all', () => toStart(0, RUNS + 1), () => timed({ kind: 'slider', step: 1 }));
  await series('slider step, window 1 year', () => toStart(365, RUNS + 1), () => timed({ kind: 'slider', step: 1 }));
  await series('slider step, window 30 days', () => toStart(30, RUNS + 160), () => timed({ kind: 'slider', step: 1 }));
  await series('slider jump of 30 days, window 90 days', () => toStart(90, 300), (i) => timed({ kind: 'slider', step: i % 2 ? -30 : 30 }));
  await series('window all <-> 1 year', () => toStart(0, 0), (i) => set('window', i % 2 ? '0' : '365'));
  const types = ['Battles', 'Explosions/Remote violence', ''];
  await series('type filter change, window all', () => toStart(0, 0), (i) => set('f-type', types[i % 3]));
  await series('certainty filter change, window all', () => toStart(0, 0), (i) => set('f-cert', i % 2 ? '' : 'confirmed'));
} finally {
  await browser.close();
  server.child?.kill('SIGTERM');
}
