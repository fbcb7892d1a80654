/**
 * The console's look, shared by its views: system fonts, one accent colour,
 * visible focus rings, tables that scroll sideways on a phone instead of
 * squeezing, and touch targets of at least 44 px.
 */

import { css } from 'lit';

export const consoleStyles = css`
  :host {
    display: block;
    font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #111827;
    --accent: #0b6a3b;
    --muted: #4b5563;
    --line: #e5e7eb;
    --danger: #b42318;
  }
  header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem 1rem; padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 1.2rem; margin: 0; }
  nav a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.5rem; font-weight: 600; }
  nav a[aria-current='page'] { text-decoration: underline 3px; text-underline-offset: 6px; }
  main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
  h1, h2, h3 { line-height: 1.25; margin: 0 0 0.75rem; }
  h2 { font-size: 1.25rem; }
  h3 { font-size: 1.05rem; }
  a { color: var(--accent); }
  button, input, select, .button {
    font: inherit;
    min-height: 44px;
    box-sizing: border-box;
  }
  button, .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    padding: 0 1rem;
    border: 1px solid var(--accent);
    border-radius: 0.5rem;
    background: var(--accent);
    color: #fff;
    cursor: pointer;
    text-decoration: none;
  }
  button.secondary, .button.secondary { background: #fff; color: var(--accent); }
  button[disabled] { opacity: 0.5; cursor: not-allowed; }
  input, select {
    padding: 0 0.5rem;
    border: 1px solid #9ca3af;
    border-radius: 0.375rem;
    background: #fff;
    width: 100%;
  }
  :is(a, button, input, select, .button, [tabindex]):focus-visible {
    outline: 3px solid #1a56db;
    outline-offset: 2px;
  }
  label { display: grid; gap: 0.25rem; font-size: 0.9rem; color: var(--muted); }
  .card { border: 1px solid var(--line); border-radius: 0.75rem; padding: 1rem; background: #fff; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
  td.wrap { white-space: normal; min-width: 8rem; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  .status { font-weight: 600; }
  .status-ACCEPTED { color: var(--accent); }
  .status-REFUSED { color: var(--danger); }
  .status-PENDING { color: #8a5300; }
  .status-CANCELLED { color: var(--muted); }
  .flag { font-weight: 600; }
  .flag-paid_not_accepted, .flag-accepted_not_found { color: var(--danger); }
  .flag-agree { color: var(--muted); }
  .muted { color: var(--muted); }
  .error { color: var(--danger); }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); }
  .wide { grid-column: 1 / -1; }
  .qr { display: block; width: 10rem; height: 10rem; image-rendering: pixelated; }
  .link dd { overflow-wrap: anywhere; }
  .link dl { grid-template-columns: 1fr; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
  dt { color: var(--muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  .filters { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr)); margin-bottom: 1rem; }
  .actions { grid-column: 1 / -1; }
  .pager { margin-top: 1rem; }
  .order-actions { margin-top: 1rem; }
  .timeline { padding-left: 1.25rem; margin: 0; }
  .timeline li { margin-bottom: 0.5rem; overflow-wrap: anywhere; }
  .timeline time { display: block; font-size: 0.85rem; color: var(--muted); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
