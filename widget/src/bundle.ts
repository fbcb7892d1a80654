/**
 * The drop-in script (`cinetpay-button.js`, and its classic `<script src>`
 * twin): registers both elements on load and exposes the classes, for pages
 * that want to listen to typed events or extend them.
 */

export { defineCinetpayElements } from './define';
export * from './index';
