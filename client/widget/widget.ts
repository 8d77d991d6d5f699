import type { AppErrorBody } from '../../shared/ack.js';
import type { WebchatReady, WebchatRefusal, WebchatSendCommand, WidgetMessage } from '../../shared/webchat-events.js';
import { ChatConnection, type ConnectionStatus } from './chat-connection.js';
import { h } from './dom.js';
import type { EmbedConfig } from './embed-config.js';
import { stringsFor } from './i18n.js';
import { SessionStore } from './session-store.js';
import { buildView } from './widget-view.js';

/** One line of the conversation: a server message, or the citizen's own on its way. */
interface Entry {
  /** The citizen's messages are keyed by their client id (known before the server's id). */
  key: string;
  message: WidgetMessage;
  state: 'shown' | 'pending' | 'failed';
  /** What to send again after a failure: the same client id, so the server stores it once. */
  retry?: WebchatSendCommand;
}

/** How long "an agent is typing" stays without being repeated. */
const AGENT_TYPING_MS = 6000;

/** Stored messages by time; the citizen's own still on their way stay at the end. */
function inOrder(a: Entry, b: Entry): number {
  const aShown = a.state === 'shown';
  if (aShown !== (b.state === 'shown')) return aShown ? -1 : 1;
  return a.message.at < b.message.at ? -1 : a.message.at > b.message.at ? 1 : 0;
}

function keyOf(m: WidgetMessage): string {
  return m.from === 'citizen' && m.clientId ? `c:${m.clientId}` : m.id;
}

function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface MountedWidget {
  open(): void;
  close(): void;
}

export function mountWidget(config: EmbedConfig, doc: Document = document): MountedWidget {
  const t = stringsFor(config.lang);
  const v = buildView(doc, t, config.lang);
  const session = new SessionStore(config.site);
  const entries: Entry[] = [];
  const nodes = new Map<string, HTMLLIElement>();
  const acked = new Set<string>();
  let isOpen = false;
  let unread = 0;
  let ready: WebchatReady | null = null;
  let agentsAvailable = true;
  let status: ConnectionStatus = 'idle';
  let refusal: WebchatRefusal | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const connection = new ChatConnection(config, session, {
    ready(info) {
      ready = info;
      agentsAvailable = info.agentsAvailable;
      v.text.maxLength = info.maxLength;
      for (const m of info.history) upsert(m);
      // Replies that came while the visitor was away show on the closed launcher.
      if (!isOpen) unread = info.history.filter((m) => m.from === 'agent' && m.status !== 'read' && !acked.has(m.id)).length;
      render();
    },
    message(m) {
      const isNew = !entries.some((e) => e.key === keyOf(m));
      upsert(m);
      if (m.from === 'agent') {
        showAgentTyping(false);
        if (isNew && !isOpen) unread += 1;
      }
      render();
    },
    agentTyping: showAgentTyping,
    availability(available) {
      agentsAvailable = available;
      render();
    },
    status(next, why) {
      status = next;
      refusal = why ?? null;
      render();
    },
  });

  function upsert(m: WidgetMessage): void {
    const key = keyOf(m);
    const existing = entries.find((e) => e.key === key);
    if (existing) {
      existing.message = m;
      existing.state = 'shown';
      delete existing.retry;
    } else {
      entries.push({ key, message: m, state: 'shown' });
    }
  }

  function showAgentTyping(typing: boolean): void {
    clearTimeout(typingTimer);
    v.typing.textContent = typing ? t.agentTyping : '';
    if (typing) typingTimer = setTimeout(() => showAgentTyping(false), AGENT_TYPING_MS);
  }

  function entryNode(e: Entry): HTMLLIElement {
    const m = e.message;
    const who = m.from === 'citizen' ? t.you : m.agentName ? t.agentNamed(m.agentName) : t.agent;
    const time = new Date(m.at).toLocaleTimeString(config.lang, { hour: '2-digit', minute: '2-digit' });
    const li = h(
      'li',
      { class: `msg msg--${m.from}${e.state === 'failed' ? ' msg--failed' : ''}`, 'data-from': m.from, 'data-testid': 'widget-message' },
      h('p', { class: 'msg__meta' }, `${who} · `, h('time', { datetime: m.at }, time)),
      h('p', { class: 'msg__text' }, m.text),
    );
    // Only http(s): the URL comes from the server, but a link is never a javascript: one.
    if (m.surveyUrl && /^https?:\/\//.test(m.surveyUrl)) {
      li.append(h('p', {}, h('a', { class: 'survey-button', href: m.surveyUrl, target: '_blank', rel: 'noopener' }, t.surveyButton)));
    }
    if (e.state === 'pending') li.append(h('p', { class: 'msg__state' }, t.sending));
    if (e.state === 'failed') {
      const retry = h('button', { type: 'button', class: 'retry' }, t.retry);
      retry.addEventListener('click', () => void submit(e.retry ?? null));
      li.append(h('p', { class: 'msg__state' }, t.notSent, retry));
    }
    return li;
  }

  /** Reconciles the list with `entries`, touching only what changed (it is an aria-live log). */
  function renderLog(): void {
    entries.sort(inOrder);
    entries.forEach((e, i) => {
      const signature = `${e.state}|${e.message.id}|${e.message.text}`;
      let node = nodes.get(e.key);
      if (!node || node.dataset.signature !== signature) {
        const fresh = entryNode(e);
        fresh.dataset.signature = signature;
        if (node) node.replaceWith(fresh);
        node = fresh;
        nodes.set(e.key, node);
      }
      const at = v.list.children[i + 1] ?? null; // +1: the "empty" line stays first
      if (at !== node) v.list.insertBefore(node, at);
    });
    const nearBottom = v.log.scrollHeight - v.log.scrollTop - v.log.clientHeight < 120;
    if (nearBottom || entries.at(-1)?.state !== 'shown') v.log.scrollTop = v.log.scrollHeight;
  }

  function renderNotice(): void {
    const text = (s: string | null) => {
      v.notice.hidden = s === null;
      v.notice.replaceChildren();
      if (s === null) return;
      v.notice.append(s);
      const contact = ready?.contactEmail;
      if (!agentsAvailable && contact && status === 'online') {
        v.notice.append(' ', t.contactPrefix, h('a', { href: `mailto:${contact}` }, contact), '.');
      }
    };
    if (status === 'refused') text(t.refusals[refusal ?? 'unavailable']);
    else if (status === 'reconnecting') text(t.reconnecting);
    else if (status === 'online' && !agentsAvailable) text(t.offline);
    else text(null);
  }

  function render(): void {
    v.badge.hidden = unread === 0 || isOpen;
    v.badge.replaceChildren(h('span', { 'aria-hidden': 'true' }, String(unread)), h('span', { class: 'sr-only' }, t.unread(unread)));
    v.status.textContent =
      status === 'online' ? (ready?.verified ? `${t.verified} ` : '') + (agentsAvailable ? t.online : t.offlineShort) : status === 'refused' ? '' : t.connecting;
    renderNotice();
    // Pre-chat: until the first message, unless the portal already told us who this is.
    const firstContact = !ready?.verified && entries.length === 0;
    v.nameField.hidden = !firstContact;
    v.emailField.hidden = !firstContact && agentsAvailable;
    v.fieldsHint.hidden = !firstContact;
    v.emailLabel.textContent = agentsAvailable ? t.email : t.replyEmail;
    // Refused (origin, signature…): nothing to write into; the notice says why.
    const refused = status === 'refused';
    if (refused && v.form.contains(v.host.shadowRoot?.activeElement ?? null)) v.close.focus();
    v.form.hidden = refused;
    renderLog();
    v.empty.hidden = entries.length > 0 || refused;
    acknowledgeReplies();
  }

  /** Read receipts: only for replies actually on screen for the citizen. */
  function acknowledgeReplies(): void {
    if (!isOpen || doc.visibilityState !== 'visible') return;
    for (const e of entries) {
      const m = e.message;
      if (m.from !== 'agent' || m.status === 'read' || acked.has(m.id)) continue;
      acked.add(m.id);
      connection.markRead(m.id);
    }
  }

  function showError(error: AppErrorBody | null): void {
    if (!error) {
      v.error.textContent = '';
      return;
    }
    const reason = error.issues?.[0]?.message;
    v.error.textContent =
      error.code === 'rate_limited'
        ? t.errors.rate_limited
        : reason === 'too_long'
          ? t.errors.too_long(ready?.maxLength ?? v.text.maxLength)
          : reason === 'invalid_email'
            ? t.errors.invalid_email
            : t.errors.failed;
  }

  async function submit(again: WebchatSendCommand | null): Promise<void> {
    let cmd = again;
    if (!cmd) {
      const text = v.text.value.trim();
      if (!text) return;
      const email = v.emailField.hidden ? '' : v.email.value.trim();
      const name = v.nameField.hidden ? '' : v.name.value.trim();
      cmd = {
        clientId: newClientId(),
        text,
        ...(name || (email && agentsAvailable) ? { profile: { ...(name ? { name } : {}), ...(email && agentsAvailable ? { email } : {}) } } : {}),
        ...(email && !agentsAvailable ? { replyByEmail: email } : {}),
      };
      v.text.value = '';
    }
    const key = `c:${cmd.clientId}`;
    const pending: Entry = { key, state: 'pending', message: { id: key, from: 'citizen', text: cmd.text, at: new Date().toISOString(), clientId: cmd.clientId } };
    const index = entries.findIndex((e) => e.key === key);
    if (index >= 0) entries[index] = pending;
    else entries.push(pending);
    showError(null);
    render();
    const ack = await connection.send(cmd);
    const entry = entries.find((e) => e.key === key);
    if (ack.ok) {
      upsert(ack.data);
    } else if (entry && ack.error.code === 'bad_request') {
      // The citizen must fix it (too long, bad address): back into the box, not a failed bubble.
      entries.splice(entries.indexOf(entry), 1);
      if (!again) v.text.value = cmd.text;
      showError(ack.error);
      (ack.error.issues?.[0]?.message === 'invalid_email' ? v.email : v.text).focus();
    } else if (entry) {
      entry.state = 'failed';
      entry.retry = cmd;
      showError(ack.error);
    }
    render();
  }

  function open(): void {
    if (isOpen) return;
    isOpen = true;
    unread = 0;
    v.panel.hidden = false;
    v.launcher.setAttribute('aria-expanded', 'true');
    if (!connection.started || status === 'refused') connection.connect();
    render();
    const first = [v.name, v.email, v.text].find((el) => !el.closest('[hidden]'));
    (first ?? v.text).focus();
  }

  function close(): void {
    if (!isOpen) return;
    isOpen = false;
    v.panel.hidden = true;
    v.launcher.setAttribute('aria-expanded', 'false');
    render();
    v.launcher.focus();
  }

  v.launcher.addEventListener('click', () => (isOpen ? close() : open()));
  v.close.addEventListener('click', close);
  v.panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  });
  v.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(null);
  });
  v.text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      v.form.requestSubmit();
    }
  });
  v.text.addEventListener('input', () => connection.typed(v.text.value.trim().length > 0));
  doc.addEventListener('visibilitychange', acknowledgeReplies);

  doc.body.append(v.host);
  // A returning visitor reconnects at once, to get replies that came while they were away; a new
  // one opens no session (and spends none of the address's quota) until they open the chat.
  if (session.token) connection.connect();
  render();
  return { open, close };
}
