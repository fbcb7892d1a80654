/**
 * The widget on a server: importing the element classes must not touch
 * `window` or `document` (server-side rendering and static-site generators
 * import components in Node), must register nothing (only `define` does),
 * and constructing an element must work without a browser.
 */

import { afterEach, describe, expect, it } from 'vitest';

const BROWSER_GLOBALS = ['window', 'document', 'location', 'localStorage', 'sessionStorage'] as const;

/**
 * lit-html's Node build probes `globalThis.document === undefined` to pick
 * its own stand-in: a presence check made for SSR, not a use of the DOM.
 */
const LIT_SSR_PROBE = /[\\/]node_modules[\\/]lit-html[\\/]node[\\/]/;

/** Makes every browser global a trap that records who reached for it (the caller's stack frame). */
function trapBrowserGlobals(): { readonly touched: string[]; restore(): void } {
  const touched: string[] = [];
  const saved = BROWSER_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        const caller = new Error().stack?.split('\n')[2]?.trim() ?? 'unknown caller';
        if (!LIT_SSR_PROBE.test(caller)) touched.push(`${name} from ${caller}`);
        return undefined;
      },
    });
  }
  return {
    touched,
    restore() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else Reflect.deleteProperty(globalThis, name);
      }
    },
  };
}

describe('importing the widget in Node', () => {
  let restore = (): void => undefined;
  afterEach(() => restore());

  it('touches no browser global and defines no tag when the class modules load', async () => {
    const trap = trapBrowserGlobals();
    restore = trap.restore;
    const widget = await import('../../widget/src/index');
    const button = await import('../../widget/src/cinetpay-button');
    const status = await import('../../widget/src/cinetpay-status');
    trap.restore();
    expect(trap.touched).toEqual([]);
    expect(widget.CinetpayButtonElement).toBe(button.CinetpayButtonElement);
    expect(widget.CinetpayStatusElement).toBe(status.CinetpayStatusElement);
    // Lit's Node build provides a stand-in registry; the class modules leave it empty.
    expect(customElements.get('cinetpay-button')).toBeUndefined();
    expect(customElements.get('cinetpay-status')).toBeUndefined();
  });

  it('define registers both tags, once', async () => {
    const { CinetpayButtonElement, CinetpayStatusElement } = await import('../../widget/src/index');
    const { defineCinetpayElements } = await import('../../widget/src/define');
    expect(customElements.get('cinetpay-button')).toBe(CinetpayButtonElement);
    expect(customElements.get('cinetpay-status')).toBe(CinetpayStatusElement);
    expect(() => defineCinetpayElements()).not.toThrow();
  });

  it('constructs on the server without touching a browser global: its shadow tree is built in the browser, on the first update', async () => {
    const { CinetpayButtonElement } = await import('../../widget/src/cinetpay-button');
    const { CinetpayStatusElement } = await import('../../widget/src/cinetpay-status');
    const trap = trapBrowserGlobals();
    restore = trap.restore;
    const button = new CinetpayButtonElement();
    button.amount = 25_000;
    button.language = 'en';
    const status = new CinetpayStatusElement();
    status.transId = 'T1';
    trap.restore();
    expect(trap.touched).toEqual([]);
    expect(button.loading).toBe(false);
    expect(status.status).toBe('CHECKING');
  });
});
