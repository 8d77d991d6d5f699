import { h } from './dom.js';
import type { Strings } from './i18n.js';
import { WIDGET_CSS } from './widget-styles.js';

/**
 * The widget's DOM, built once inside a shadow root. It holds no state of its own: widget.ts
 * decides, this file only has the elements and the small renderers.
 */
export interface WidgetView {
  host: HTMLElement;
  launcher: HTMLButtonElement;
  badge: HTMLSpanElement;
  panel: HTMLElement;
  status: HTMLParagraphElement;
  close: HTMLButtonElement;
  notice: HTMLParagraphElement;
  /** The scrolling live region... */
  log: HTMLDivElement;
  /** ...and the list inside it: role=log on the list itself would strip its list semantics. */
  list: HTMLOListElement;
  empty: HTMLLIElement;
  typing: HTMLParagraphElement;
  form: HTMLFormElement;
  nameField: HTMLDivElement;
  name: HTMLInputElement;
  emailField: HTMLDivElement;
  emailLabel: HTMLLabelElement;
  email: HTMLInputElement;
  fieldsHint: HTMLParagraphElement;
  text: HTMLTextAreaElement;
  send: HTMLButtonElement;
  error: HTMLParagraphElement;
}

const SVG = 'http://www.w3.org/2000/svg';

/** Built node by node: a host page enforcing Trusted Types refuses innerHTML. */
function chatIcon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ width: '22', height: '22', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'aria-hidden': 'true', focusable: 'false' })) {
    svg.setAttribute(k, v);
  }
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z');
  svg.append(path);
  return svg;
}

/**
 * A constructed stylesheet where the browser has them: it is not an inline <style>, so the
 * widget also works on a page whose CSP forbids inline styles. A <style> element otherwise.
 */
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = h('style');
  style.textContent = WIDGET_CSS;
  root.append(style);
}

export function buildView(doc: Document, t: Strings, lang: string): WidgetView {
  const host = doc.createElement('guichet-chat');
  host.setAttribute('lang', lang);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);

  const icon = h('span', { 'aria-hidden': 'true' }, chatIcon(doc));
  const badge = h('span', { class: 'badge', hidden: true });
  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'gw-panel', 'data-testid': 'widget-launcher' },
    icon,
    h('span', {}, t.launcher),
    badge,
  );

  const status = h('p', { class: 'status', id: 'gw-status' }, t.connecting);
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t.close, 'data-testid': 'widget-close' }, '×');
  const notice = h('p', { class: 'notice', role: 'status', hidden: true, 'data-testid': 'widget-notice' });
  const empty = h('li', { class: 'empty' }, t.empty);
  const list = h('ol', { class: 'log__list' }, empty);
  const log = h('div', { class: 'log', role: 'log', 'aria-label': t.log, tabindex: '0', 'data-testid': 'widget-log' }, list);
  const typing = h('p', { class: 'typing', role: 'status', 'data-testid': 'widget-typing' });

  const name = h('input', { id: 'gw-name', type: 'text', autocomplete: 'name', maxlength: '100' });
  const nameField = h('div', { class: 'field' }, h('label', { for: 'gw-name' }, t.name), name);
  const email = h('input', { id: 'gw-email', type: 'email', autocomplete: 'email', maxlength: '320', 'data-testid': 'widget-email' });
  const emailLabel = h('label', { for: 'gw-email' }, t.email);
  const emailField = h('div', { class: 'field' }, emailLabel, email);
  const fieldsHint = h('p', { class: 'hint' }, t.prechatHint);
  const text = h('textarea', { id: 'gw-text', rows: '2', placeholder: `${t.message}…`, 'aria-describedby': 'gw-hint', 'data-testid': 'widget-input' });
  const send = h('button', { type: 'submit', class: 'send', 'data-testid': 'widget-send' }, t.send);
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'widget-error' });
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    nameField,
    emailField,
    fieldsHint,
    h('label', { for: 'gw-text', class: 'sr-only' }, t.message),
    h('div', { class: 'row' }, text, send),
    h('p', { class: 'hint', id: 'gw-hint' }, t.hint),
    error,
  );

  const panel = h(
    'section',
    { id: 'gw-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'gw-title', 'aria-describedby': 'gw-status', hidden: true, 'data-testid': 'widget-panel' },
    h('div', { class: 'head' }, h('div', { class: 'head__text' }, h('h2', { class: 'title', id: 'gw-title' }, t.title), status), close),
    notice,
    log,
    typing,
    form,
  );

  root.append(launcher, panel);
  return { host, launcher, badge, panel, status, close, notice, log, list, empty, typing, form, nameField, name, emailField, emailLabel, email, fieldsHint, text, send, error };
}
