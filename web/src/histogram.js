// The per-day histogram above the slider: stacked bars per event type, the window shaded. The
// bars are drawn once per filter change (from the index's counts per day and type) into an
// offscreen canvas; moving the window only shades and copies them.
import { typeColor } from './colors.js';

export class Histogram {
  constructor(canvas, types) {
    this.canvas = canvas;
    this.types = types;
    this.bars = document.createElement('canvas');
    this.counts = null;
    this.key = '';
  }

  // counts: Int32Array of ndays × types (row per day).
  setCounts(counts, ndays) {
    this.counts = counts;
    this.ndays = ndays;
    this.key = '';
  }

  _drawBars(w, h, dpr) {
    const { bars, counts, ndays, types } = this;
    bars.width = this.canvas.width; bars.height = this.canvas.height;
    const ctx = bars.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!ndays) return;
    const T = types.length;
    let max = 1;
    for (let d = 0; d < ndays; d++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += counts[d * T + t];
      if (s > max) max = s;
    }
    const bw = w / ndays;
    for (let t = 0; t < T; t++) {
      ctx.fillStyle = typeColor(types[t]);
      for (let d = 0; d < ndays; d++) {
        const c = counts[d * T + t];
        if (!c) continue;
        let below = 0;
        for (let u = 0; u < t; u++) below += counts[d * T + u];
        const y0 = h - (below / max) * (h - 2), bh = (c / max) * (h - 2);
        ctx.fillRect(d * bw, y0 - bh, Math.max(1, bw - 0.5), bh);
      }
    }
  }

  // Shades days [winStart, winEnd] (indices; winStart < 0: no window).
  draw(winStart, winEnd) {
    const c = this.canvas, dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth || 600, h = c.clientHeight || 48;
    const key = `${w}x${h}@${dpr}`;
    if (key !== this.key) {
      c.width = Math.round(w * dpr); c.height = Math.round(h * dpr);
      this._drawBars(w, h, dpr);
      this.key = key;
    }
    const ctx = c.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    if (this.ndays && winStart >= 0) {
      const bw = w / this.ndays;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = 'rgba(30, 90, 200, 0.12)';
      ctx.fillRect(winStart * bw, 0, Math.max(bw, (winEnd - winStart + 1) * bw), h);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    }
    ctx.drawImage(this.bars, 0, 0);
  }
}
