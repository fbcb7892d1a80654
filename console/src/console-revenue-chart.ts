/**
 * `<console-revenue-chart>`: revenue per day as hand-drawn SVG bars, no chart
 * library (the console would pay its weight for thirty rectangles). The
 * drawing scales to its container's width through the viewBox; a person
 * using a screen reader gets one sentence (total, best day) and the table
 * beside it; each bar has a `<title>` for a pointer's tooltip.
 */

import { css, html, LitElement, svg } from 'lit';
import type { Revenue } from '../../shared/api/admin';
import { formatAmount, formatDay } from './format';
import { consoleStyles } from './styles';
import { type Lang, TEXTS } from './texts';

/** Drawing units: about a phone's width, so that the 12-unit labels read at 10 px on a phone and under 20 px on a desktop. */
const WIDTH = 400;
const HEIGHT = 180;
const AXIS = 24;
const TOP = 16;
/** A label under every this many bars, counted back from today's, so they never overlap on a phone. */
const LABEL_EVERY = 7;

export class ConsoleRevenueChartElement extends LitElement {
  static override styles = [consoleStyles, css`svg { display: block; max-width: 40rem; }`];
  static override properties = { lang: { type: String }, days: { attribute: false }, currency: { type: String } };

  declare lang: Lang;
  declare days: readonly (Revenue & { readonly day: string })[];
  declare currency: string;

  constructor() {
    super();
    this.lang = 'fr';
    this.days = [];
    this.currency = 'CFA';
  }

  override render() {
    const texts = TEXTS[this.lang];
    const top = Math.max(0, ...this.days.map((day) => day.amount));
    const max = Math.max(1, top);
    const total = this.days.reduce((sum, day) => sum + day.amount, 0);
    const best = this.days.reduce<(Revenue & { readonly day: string }) | null>((top, day) => (top === null || day.amount > top.amount ? day : top), null);
    const slot = (WIDTH - 8) / Math.max(1, this.days.length);
    const plot = HEIGHT - AXIS - TOP;
    const label = texts.revenueChart(
      formatAmount(total, this.currency, this.lang),
      best && best.amount > 0 ? `${formatDay(best.day, this.lang)} (${formatAmount(best.amount, this.currency, this.lang)})` : '—',
    );
    return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label} width="100%" preserveAspectRatio="xMidYMid meet">
      <line x1="4" y1=${HEIGHT - AXIS} x2=${WIDTH - 4} y2=${HEIGHT - AXIS} stroke="#9ca3af" />
      <text x="4" y="12" font-size="12" fill="#4b5563">${formatAmount(top, this.currency, this.lang)}</text>
      ${this.days.map((day, index) => {
        const height = Math.round((day.amount / max) * plot);
        const x = 4 + index * slot;
        return svg`<rect data-day=${day.day} x=${x + slot * 0.15} y=${HEIGHT - AXIS - height} width=${slot * 0.7} height=${height} rx="2" fill="#0b6a3b">
            <title>${formatDay(day.day, this.lang)} : ${formatAmount(day.amount, this.currency, this.lang)} (${day.orders})</title>
          </rect>
          ${
            (this.days.length - 1 - index) % LABEL_EVERY === 0
              ? svg`<text x=${x + slot / 2} y=${HEIGHT - 6} font-size="12" text-anchor=${index === this.days.length - 1 ? 'end' : 'middle'} fill="#4b5563">${formatDay(day.day, this.lang)}</text>`
              : ''
          }`;
      })}
    </svg>`;
  }
}
