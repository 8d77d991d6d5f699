// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelinePage } from '../../../shared/api.js';
import type { ActivityEvent } from '../../../shared/timeline-activity.js';
import { assigned, at, CIT, CONV, conversation, ME, message, statusChanged } from '../../testing/fixtures.js';
import { renderWithProviders } from '../../testing/renderWithProviders.js';
import { initialConversationState, type ConversationState } from './conversationSlice.js';
import { Timeline } from './Timeline.js';

const names: Record<string, string> = { [ME]: 'Camille' };
const agentName = (id: string | undefined) => (id ? (names[id] ?? null) : null);

const byCamille = { kind: 'agent', id: ME, name: 'Camille' } as const;

// One citizen's history across channels: an email, a web chat reply, a note, a WhatsApp message,
// with the conversation taken and resolved in between.
const history = [
  message({ id: 'msg_1', channel: 'email', text: 'Je voudrais un acte de naissance.', at: at(1) }),
  message({ id: 'msg_2', channel: 'webchat', direction: 'outbound', author: byCamille, text: 'Je m’en occupe.', status: 'delivered', at: at(3) }),
  message({ id: 'msg_3', channel: 'webchat', direction: 'note', author: byCamille, text: 'Demande faite au service.', at: at(4) }),
  message({ id: 'msg_4', channel: 'whatsapp', text: 'Merci !', at: at(6), author: { kind: 'citizen', name: 'Jeanne Martin' } }),
];
const activity: ActivityEvent[] = [
  { ...assigned({ seq: 2, at: at(2), assigneeId: ME }), actor: byCamille },
  { ...statusChanged({ seq: 5, at: at(5), status: 'resolved' }), actor: byCamille },
];

/**
 * An accessible name that starts with these words. jsdom loads no stylesheet, so the header's
 * parts (flex items in the console, which browsers name apart) read as inline spans and run
 * together: "E-mailreçuJeanne Martin…". The words and their order are what is checked.
 */
function startsWith(...words: string[]): RegExp {
  return new RegExp(`^${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}`);
}

function renderTimeline(state: Partial<ConversationState>) {
  const conversationState: ConversationState = {
    ...initialConversationState,
    currentId: CONV,
    status: 'ready',
    conversation: conversation(),
    citizenId: CIT,
    ...state,
  };
  const view = renderWithProviders(<Timeline conversationId={CONV} conversationLabels={{}} agentName={agentName} />, {
    preloadedState: { conversation: conversationState },
  });
  const feed = () => screen.getByRole('feed', { name: 'Historique du citoyen (tous canaux)' });
  return { ...view, feed };
}

// jsdom lays nothing out, so the virtualised list would see a viewport of 0 px. Give the scroll
// area a height (entries stay 0 px high): every entry of these short histories is then rendered.
beforeEach(() => {
  const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('timeline__scroll') ? 800 : 0;
    },
  });
  return () => {
    if (offsetHeight) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Timeline', () => {
  it('reads the whole history in order, each entry named by its channel, direction and author', () => {
    const { feed } = renderTimeline({ timeline: history, activity });
    const entry = (...words: string[]) => within(feed()).getByRole('article', { name: startsWith(...words) });

    expect(within(feed()).getAllByRole('article')).toEqual([
      entry('E-mail', 'reçu', 'Jeanne Martin', '15 janv. 2025'),
      entry('Camille a pris la conversation,', '15 janv. 2025'),
      entry('Chat web', 'envoyé', 'Camille'),
      entry('Chat web', 'note interne', 'Camille'),
      entry('Résolue par Camille,'),
      entry('WhatsApp', 'reçu', 'Jeanne Martin'),
    ]);
    // A screen reader hears "n of 6".
    expect(within(feed()).getAllByRole('article').map((a) => a.getAttribute('aria-posinset'))).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(within(feed()).getAllByRole('article').every((a) => a.getAttribute('aria-setsize') === '6')).toBe(true);

    expect(entry('E-mail').textContent).toContain('Je voudrais un acte de naissance.');
    // Only what the console sent has a delivery status.
    expect(entry('Chat web', 'envoyé').textContent).toContain('Distribué');
    expect(entry('WhatsApp').textContent).not.toContain('Distribué');
    // The whole history is there: no button for older entries, the start is said instead.
    expect(screen.queryByRole('button', { name: 'Charger les échanges plus anciens' })).toBeNull();
    expect(screen.getByText("Début de l'historique")).toBeTruthy();
  });

  it('says when there is nothing yet', () => {
    renderTimeline({ timeline: [], activity: [] });
    expect(screen.queryByRole('feed')).toBeNull();
    expect(screen.getByText('Aucun échange pour le moment.')).toBeTruthy();
  });

  it('loads the older page on request and puts it first, busy meanwhile', async () => {
    let answer!: (res: Response) => void;
    const fetch = vi.fn((_url: string) => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetch);
    const { user, feed } = renderTimeline({ timeline: history.slice(2), activity, olderCursor: 'cur_older' });

    // Activity older than the oldest message held waits for its page: it would land out of order.
    expect(within(feed()).getAllByRole('article')).toHaveLength(3);
    expect(within(feed()).getAllByRole('article').every((a) => a.getAttribute('aria-setsize') === '-1')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Charger les échanges plus anciens' }));
    expect(fetch).toHaveBeenCalledWith(`/api/citizens/${CIT}/timeline?before=cur_older&limit=50`, expect.anything());
    expect(feed().getAttribute('aria-busy')).toBe('true');
    expect((screen.getByRole('button', { name: 'Chargement…' }) as HTMLButtonElement).disabled).toBe(true);

    const page: TimelinePage = { items: history.slice(0, 2), olderCursor: null, newerCursor: 'cur_newer', activity };
    answer(new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } }));

    await waitFor(() => expect(within(feed()).getAllByRole('article')).toHaveLength(6));
    expect(feed().getAttribute('aria-busy')).toBe('false');
    expect(within(feed()).getAllByRole('article')[0]!.getAttribute('data-message-id')).toBe('msg_1');
    expect(screen.queryByRole('button', { name: /anciens/ })).toBeNull();
    expect(screen.getByText("Début de l'historique")).toBeTruthy();
  });

  it('announces a failed page and keeps the button to try again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 503 })));
    const { user } = renderTimeline({ timeline: history, activity, olderCursor: 'cur_older' });

    await user.click(screen.getByRole('button', { name: 'Charger les échanges plus anciens' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Impossible de charger les échanges plus anciens.');
    expect((screen.getByRole('button', { name: 'Charger les échanges plus anciens' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
