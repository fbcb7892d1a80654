/**
 * The look of `<cinetpay-button>`: good unstyled (white on green at 6.7:1, a
 * visible focus ring, a 44 px touch target), themable through the
 * `--cinetpay-*` custom properties and `::part(button)` / `::part(message)`,
 * and still when the customer asks for reduced motion. Written tersely
 * (shorthands, no rule a browser's default already gives): every byte here
 * is downloaded by every shop page.
 */

import { css } from '@lit/reactive-element';

export const buttonStyles = css`
  :host {
    display: inline-block;
    vertical-align: top;
    font: var(--cinetpay-font, inherit);
  }
  :host([hidden]) {
    display: none;
  }
  button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.6em;
    width: 100%;
    min-height: 44px;
    margin: 0;
    padding: var(--cinetpay-button-padding, 0.75em 1.4em);
    border: var(--cinetpay-button-border, 0);
    border-radius: var(--cinetpay-button-radius, 0.5rem);
    background: var(--cinetpay-button-background, #0b6a3b);
    color: var(--cinetpay-button-color, #fff);
    font: inherit;
    font-weight: var(--cinetpay-button-font-weight, 600);
    line-height: 1.25;
    cursor: pointer;
    box-shadow: var(--cinetpay-button-shadow, 0 1px 2px rgb(0 0 0 / 0.15));
    transition: background-color 0.15s, transform 0.1s;
  }
  button:hover {
    background: var(--cinetpay-button-background-hover, #08552f);
  }
  button:active {
    transform: translateY(1px);
  }
  button:focus-visible {
    outline: 3px solid var(--cinetpay-focus-ring-color, #1a56db);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: not-allowed;
    background: var(--cinetpay-button-background-disabled, #6b7280);
    box-shadow: none;
  }
  .spinner {
    flex: none;
    width: 1em;
    height: 1em;
    border: 0.15em solid;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      rotate: 1turn;
    }
  }
  p {
    margin: 0.5em 0 0;
    color: var(--cinetpay-error-color, #b42318);
    font-size: 0.9em;
    max-width: 32em;
  }
  p:empty {
    display: none;
  }
  span[role] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  @media (prefers-reduced-motion: reduce) {
    button {
      transition: none;
    }
    .spinner {
      animation: none;
      opacity: 0.6;
    }
  }
  @media (forced-colors: active) {
    button {
      border: 1px solid;
    }
  }
`;
