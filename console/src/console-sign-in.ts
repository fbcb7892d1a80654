/**
 * `<console-sign-in>`: the console's first page. The merchant pastes
 * ADMIN_TOKEN; the Worker answers a session cookie, and this element tells
 * the console (`console-signed-in`). The token is sent once and kept
 * nowhere: the field is cleared whatever the answer.
 */

import { html, LitElement } from 'lit';
import { signIn } from './api';
import { consoleStyles } from './styles';
import { type Lang, TEXTS } from './texts';

export class ConsoleSignInElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = { lang: { type: String }, message: { state: true }, busy: { state: true } };

  declare lang: Lang;
  declare message: string;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'fr';
    this.message = '';
    this.busy = false;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement) || this.busy) return;
    const field = form.elements.namedItem('token');
    if (!(field instanceof HTMLInputElement)) return;
    const token = field.value;
    field.value = '';
    this.busy = true;
    const answer = await signIn(token);
    this.busy = false;
    const texts = TEXTS[this.lang];
    if (answer.ok) {
      this.message = '';
      this.dispatchEvent(new Event('console-signed-in', { bubbles: true, composed: true }));
      return;
    }
    this.message =
      answer.code === 'RATE_LIMITED'
        ? texts.tooManyTries
        : answer.code === 'FORBIDDEN_ORIGIN'
          ? texts.forbidden
          : answer.code === 'NETWORK_ERROR'
            ? texts.networkError
            : texts.wrongToken;
    field.focus();
  }

  override render() {
    const texts = TEXTS[this.lang];
    return html`<form class="card" @submit=${this.#submit} aria-labelledby="title">
      <h2 id="title">${texts.signInTitle}</h2>
      <p class="muted">${texts.signInHelp}</p>
      <label>${texts.token}<input name="token" type="password" autocomplete="current-password" required autofocus /></label>
      <p class="error" role="alert">${this.message}</p>
      <button type="submit" ?disabled=${this.busy}>${texts.signIn}</button>
    </form>`;
  }
}
