// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Agent, AgentId, Citizen, MessageId } from '../../../shared/index.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import { agent, at, CIT, citizen, conversation } from '../../testing/fixtures.js';
import { renderWithProviders } from '../../testing/renderWithProviders.js';
import { initialCitizenState } from './citizenSlice.js';
import { CitizenPanel } from './CitizenPanel.js';

const LEA: Agent = { id: 'agt_lea' as AgentId, email: 'lea@mairie.fr', displayName: 'Léa Martin', role: 'agent', queueIds: [] };
const SUPERVISOR: Agent = { ...agent, role: 'supervisor' };

const jeanne = citizen({
  preferredChannel: 'phone',
  language: 'fr',
  identities: [
    { kind: 'email', value: 'jeanne@example.fr', level: 'channel', source: { at: '2026-03-03T09:00:00.000Z', messageId: 'msg_1' as MessageId, channel: 'email' } },
    { kind: 'phone', value: '+33612345678', level: 'unverified', source: { at: '2026-03-04T09:00:00.000Z', agentId: LEA.id } },
    { kind: 'account', value: 'CIT-1', level: 'franceconnect', eidas: 'eidas2' },
  ],
  notes: [{ id: 'note_1', text: 'Préfère être appelée le matin.', at: '2026-03-05T09:00:00.000Z', agentId: LEA.id }],
});

function renderPanel(viewer: Agent = agent, who: Citizen = jeanne) {
  return renderWithProviders(<CitizenPanel queues={[]} currentConversationId={null} viewer={viewer} agents={[agent, LEA]} />, {
    preloadedState: { citizen: { ...initialCitizenState, citizenId: CIT, status: 'ready', citizen: who, conversations: [conversation({ lastActivityAt: at(1) })] } },
  });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
/** The server as the panel's profile forms meet it; the "same person" section's reads find nothing. */
const server = (answer: (url: string, init?: RequestInit) => Response) =>
  vi.fn(async (url: string, init?: RequestInit) => (/[/](duplicates|merges)$/.test(url) ? json({ items: [] }) : answer(url, init)));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('IdentityLevelBadge', () => {
  it('tells the level in words, not by colour alone, with the eIDAS level for FranceConnect', () => {
    renderWithProviders(
      <>
        <IdentityLevelBadge level="unverified" />
        <IdentityLevelBadge level="franceconnect" eidas="eidas2" compact />
      </>,
    );
    const [typed, fc] = screen.getAllByTestId('identity-level');
    expect(typed!.textContent).toContain('non vérifiée');
    expect(within(typed!).getByText('Niveau : non vérifiée (saisie dans un formulaire)')).toBeTruthy();
    expect(fc!.getAttribute('title')).toBe('Niveau : FranceConnect (eIDAS substantiel)');
    expect(fc!.className).toContain('level-badge--franceconnect');
  });
});

describe('CitizenPanel as a profile', () => {
  it('shows each identity with its level and origin, the preferences and the contact notes', () => {
    renderPanel();
    const items = screen.getAllByTestId('citizen-identity');
    expect(items.map((i) => within(i).getByTestId('identity-level').textContent)).toEqual([
      expect.stringContaining('canal'),
      expect.stringContaining('non vérifiée'),
      expect.stringContaining('FranceConnect'),
    ]);
    expect(items[0]!.textContent).toContain('reçue par E-mail le 3 mars');
    expect(items[1]!.textContent).toContain('ajoutée par Léa Martin le 4 mars');
    expect(screen.getByTestId('citizen-preferences').textContent).toBe('Canal préféré : Téléphone · Langue : fr');
    expect(screen.getByRole('heading', { name: 'Notes de contact' })).toBeTruthy();
    expect(screen.getByText('Préfère être appelée le matin.')).toBeTruthy();
    expect(screen.getByText('Léa Martin, le 5 mars')).toBeTruthy();
  });

  it('renames the citizen through the profile form and shows the server’s answer', async () => {
    const renamed = { seq: 9, at: '2026-03-06T10:00:00.000Z', type: 'citizen.renamed', citizenId: CIT, actor: { kind: 'agent', id: agent.id, name: 'Camille' }, payload: { displayName: 'Jeanne Dupont', previous: 'Jeanne Martin' } };
    const fetch = server((url: string, init?: RequestInit) =>
      url.endsWith('/profile-history') ? json({ items: [renamed] }) : json({ citizen: { ...jeanne, displayName: JSON.parse(String(init!.body)).displayName }, events: [9] }),
    );
    vi.stubGlobal('fetch', fetch);
    const { user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Modifier la fiche' }));
    const name = (await screen.findByRole('textbox', { name: 'Nom affiché' })) as HTMLInputElement;
    await user.clear(name);
    await user.type(name, 'Jeanne Dupont');
    await user.click(within(name.closest('form')!).getByRole('button', { name: 'Enregistrer' }));
    expect(fetch).toHaveBeenCalledWith(`/api/citizens/${CIT}/name`, expect.objectContaining({ method: 'PUT', body: JSON.stringify({ displayName: 'Jeanne Dupont' }) }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Jeanne Dupont'));
    // The profile form's status (the same-person section below has one of its own).
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Enregistré.');
    // The record's history, reloaded after the change: who renamed it, from what.
    await waitFor(() => expect(screen.getByTestId('profile-history').textContent).toContain('Camille a renommé « Jeanne Martin » en « Jeanne Dupont »'));
  });

  it('adds an identity, and words the server’s refusal in French', async () => {
    const fetch = server(() => json({ error: { code: 'bad_request', message: 'not an email', reason: 'identity_format' } }, 400));
    vi.stubGlobal('fetch', fetch);
    const { user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Modifier la fiche' }));
    const group = await screen.findByRole('group', { name: 'Ajouter une coordonnée' });
    await user.selectOptions(within(group).getByRole('combobox', { name: 'Type' }), 'E-mail');
    await user.type(within(group).getByRole('textbox', { name: 'Adresse ou numéro' }), 'pas une adresse');
    await user.click(within(group).getByRole('button', { name: 'Ajouter' }));
    expect(fetch).toHaveBeenCalledWith(`/api/citizens/${CIT}/identities`, expect.objectContaining({ method: 'POST', body: JSON.stringify({ kind: 'email', value: 'pas une adresse' }) }));
    expect((await screen.findByRole('alert')).textContent).toBe('Coordonnée invalide : une adresse e-mail, ou un numéro au format international (+33…).');
  });

  it('offers an agent to remove only what staff added; a supervisor any, and confirms with how', async () => {
    const { user, unmount } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Modifier la fiche' }));
    await screen.findByRole('button', { name: 'Retirer Téléphone +33612345678' });
    expect(screen.queryByRole('button', { name: 'Retirer E-mail jeanne@example.fr' })).toBeNull();
    expect(screen.getAllByText('Prouvée par un canal : seul un superviseur peut la retirer.')).toHaveLength(2);
    unmount();

    const fetch = server(() => json({ citizen: jeanne, events: [10] }));
    vi.stubGlobal('fetch', fetch);
    const view = renderPanel(SUPERVISOR);
    await view.user.click(screen.getByRole('button', { name: 'Modifier la fiche' }));
    await screen.findByRole('button', { name: 'Retirer E-mail jeanne@example.fr' });
    const how = screen.getByRole('textbox', { name: 'Confirmer Téléphone +33612345678 : comment l’avez-vous vérifiée ?' });
    await view.user.type(how, 'rappel au numéro');
    await view.user.click(within(how.closest('form')!).getByRole('button', { name: 'Confirmer' }));
    expect(fetch).toHaveBeenCalledWith(`/api/citizens/${CIT}/identities/confirm`, expect.objectContaining({ body: JSON.stringify({ kind: 'phone', value: '+33612345678', how: 'rappel au numéro' }) }));
  });

  it('hides editing from roles that may not edit', () => {
    renderPanel({ ...agent, role: 'trainer' });
    expect(screen.queryByRole('button', { name: 'Modifier la fiche' })).toBeNull();
  });
});
