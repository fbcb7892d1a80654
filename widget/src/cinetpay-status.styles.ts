/**
 * The look of `<cinetpay-status>`: a quiet card with a coloured accent per
 * outcome, themable through `--cinetpay-status-*` custom properties and the
 * `status`, `title`, `detail` and `amount` parts (and `download`, a plain link).
 */

import { css } from '@lit/reactive-element';

export const statusStyles = css`
  :host {
    display: block;
    font: var(--cinetpay-font, inherit);
    --_accent: var(--cinetpay-status-pending-color, #8a5300);
  }
  :host([hidden]) {
    display: none;
  }
  :host([status='ACCEPTED']) {
    --_accent: var(--cinetpay-status-success-color, #0b6a3b);
  }
  :host([status='REFUSED']),
  :host([status='NOT_FOUND']) {
    --_accent: var(--cinetpay-status-failure-color, #b42318);
  }
  :host([status='CANCELLED']),
  :host([status='UNREACHABLE']),
  :host([status='CHECKING']) {
    --_accent: var(--cinetpay-status-neutral-color, #4b5563);
  }
  p {
    margin: 0.5em 0 0;
  }
  .card {
    box-sizing: border-box;
    padding: var(--cinetpay-status-padding, 1.25em 1.5em);
    border: 1px solid var(--cinetpay-status-border-color, #e5e7eb);
    border-left: 0.35em solid var(--_accent);
    border-radius: var(--cinetpay-status-radius, 0.5rem);
    background: var(--cinetpay-status-background, #fff);
    color: var(--cinetpay-status-color, #111827);
  }
  .title {
    margin: 0;
    color: var(--_accent);
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.3;
  }
  .amount {
    font-size: 1.1em;
    font-weight: 600;
  }
  .detail {
    line-height: 1.5;
  }
  .reference {
    margin-top: 0.75em;
    color: var(--cinetpay-status-muted-color, #4b5563);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
`;
