/**
 * custom-elements.json is generated from the elements' JSDoc by
 * `npm run build`; this fails when someone changes the public surface and
 * forgets to rebuild, and checks that the surface is all there.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, MANIFEST_PATH, manifestText } from '../../scripts/custom-elements-manifest';

describe('custom-elements.json', () => {
  it('matches the sources (run `npm run build` after changing an element)', () => {
    expect(readFileSync(MANIFEST_PATH, 'utf8')).toBe(manifestText());
  });

  it('describes both tags with their attributes, events, slots, parts and custom properties', () => {
    const declarations = buildManifest().modules.flatMap((module) => module.declarations);
    const button = declarations.find((declaration) => declaration.tagName === 'cinetpay-button');
    const status = declarations.find((declaration) => declaration.tagName === 'cinetpay-status');
    expect(button?.attributes.map((attribute) => attribute.name)).toEqual([
      'endpoint',
      'product',
      'amount',
      'designation',
      'currency',
      'custom',
      'phone',
      'phone-prefix',
      'disabled',
      'lang',
    ]);
    expect(button?.events.map((event) => [event.name, event.type.text])).toEqual([
      ['cinetpay-checkout', 'CinetpayCheckoutEvent'],
      ['cinetpay-error', 'CinetpayErrorEvent'],
    ]);
    expect(button?.cssParts.map((part) => part.name)).toEqual(['button', 'message']);
    expect(button?.cssProperties.find((property) => property.name === '--cinetpay-button-background')?.default).toBe('#0b6a3b');
    expect(button?.slots).toEqual([expect.objectContaining({ name: '' })]);
    expect(status?.attributes.map((attribute) => attribute.name)).toEqual(['endpoint', 'trans-id', 'lang']);
    expect(status?.slots.map((slot) => slot.name)).toEqual(['checking', 'accepted', 'pending', 'refused', 'cancelled', 'not-found', 'unreachable']);
    expect(status?.events.map((event) => event.name)).toEqual(['cinetpay-status']);
  });
});
