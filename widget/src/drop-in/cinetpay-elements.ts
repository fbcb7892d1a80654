/**
 * The all-in-one drop-in script (`cinetpay-elements.js`, and its classic
 * `<script src>` twin): registers both elements on load and exposes the
 * classes, for pages that want one tag for everything, listen to typed
 * events or extend the elements. A page with one element loads that
 * element's script instead (`cinetpay-button.js`, `cinetpay-status.js`).
 */

export { defineCinetpayElements } from '../define';
export * from '../index';
