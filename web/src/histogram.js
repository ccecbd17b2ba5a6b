// The per-day histogram above the slider: stacked bars per event type, the window shaded.
import { typeColor } from './colors.js';

export function drawHistogram(canvas, days, perDay, winStart, winEnd) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 600, h = canvas.clientHeight || 48;
  canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const n = days.length;
  if (!n) return;
  let max = 1;
  for (const d of days) { let s = 0; for (const c of Object.values(perDay.get(d) || {})) s += c; max = Math.max(max, s); }
  const bw = w / n;
  if (winStart >= 0) {
    ctx.fillStyle = 'rgba(30, 90, 200, 0.12)';
    ctx.fillRect(winStart * bw, 0, Math.max(bw, (winEnd - winStart + 1) * bw), h);
  }
  days.forEach((d, i) => {
    let y = h;
    for (const [t, c] of Object.entries(perDay.get(d) || {})) {
      const bh = (c / max) * (h - 2);
      ctx.fillStyle = typeColor(t);
      ctx.fillRect(i * bw, y - bh, Math.max(1, bw - 0.5), bh);
      y -= bh;
    }
  });
}
