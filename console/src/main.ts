/**
 * The console's one script, `/admin/console.js` (vite.config.ts, mode
 * `console`): registers its elements. Only the page at /admin/ loads it; the
 * shop's pages load the widget alone, which knows nothing of this.
 */

import { CinetpayConsoleElement } from './cinetpay-console';
import { ConsoleLinksElement } from './console-links';
import { ConsoleOrderElement } from './console-order';
import { ConsoleOrdersElement } from './console-orders';
import { ConsoleOverviewElement } from './console-overview';
import { ConsoleReconciliationElement } from './console-reconciliation';
import { ConsoleRevenueChartElement } from './console-revenue-chart';
import { ConsoleSignInElement } from './console-sign-in';

const ELEMENTS: readonly (readonly [string, CustomElementConstructor])[] = [
  ['cinetpay-console', CinetpayConsoleElement],
  ['console-sign-in', ConsoleSignInElement],
  ['console-overview', ConsoleOverviewElement],
  ['console-revenue-chart', ConsoleRevenueChartElement],
  ['console-orders', ConsoleOrdersElement],
  ['console-order', ConsoleOrderElement],
  ['console-reconciliation', ConsoleReconciliationElement],
  ['console-links', ConsoleLinksElement],
];

for (const [name, element] of ELEMENTS) if (!customElements.get(name)) customElements.define(name, element);

declare global {
  interface HTMLElementTagNameMap {
    'cinetpay-console': CinetpayConsoleElement;
    'console-sign-in': ConsoleSignInElement;
    'console-overview': ConsoleOverviewElement;
    'console-revenue-chart': ConsoleRevenueChartElement;
    'console-orders': ConsoleOrdersElement;
    'console-order': ConsoleOrderElement;
    'console-reconciliation': ConsoleReconciliationElement;
    'console-links': ConsoleLinksElement;
  }
}
