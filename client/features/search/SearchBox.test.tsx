// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchResults } from '../../../shared/search.js';
import { renderWithProviders } from '../../testing/renderWithProviders.js';
import { SearchBox } from './SearchBox.js';

const RESULTS: SearchResults = {
  citizens: [
    {
      citizen: { id: 'cit_1' as never, displayName: 'Hélène Lefèvre', identities: [{ kind: 'phone', value: '+33612345678', level: 'unverified' }] },
      matchedBy: 'phone',
      identityValue: '+33612345678',
      nameHighlights: [],
      conversationId: 'conv_1' as never,
    },
  ],
  messages: [
    {
      messageId: 'msg_9' as never,
      conversationId: 'conv_2' as never,
      citizenId: 'cit_2' as never,
      citizenName: 'Jeanne Dupont',
      channel: 'email',
      direction: 'inbound',
      at: '2024-02-01T09:00:00.000Z',
      snippet: 'Mon passeport est expiré',
      highlights: [{ start: 4, end: 13 }],
    },
  ],
  nextCursor: null,
};

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SearchBox', () => {
  it('searches as one types, groups citizens then messages, highlights, announces the count, and opens with the keyboard', async () => {
    const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify(RESULTS), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const { user } = renderWithProviders(
      <Routes>
        <Route path="*" element={<><SearchBox inputId="search-q" /><Where /></>} />
      </Routes>,
      { route: '/inbox' },
    );
    const box = screen.getByRole('combobox', { name: 'Rechercher' });
    expect(document.activeElement).toBe(box);
    await user.type(box, 'passeport');
    await waitFor(() => expect(fetch).toHaveBeenCalledWith('/api/search?q=passeport', expect.anything()));
    const list = await screen.findByRole('listbox', { name: 'Résultats de la recherche' });
    expect(screen.getByRole('status').textContent).toBe('2 résultats pour « passeport » : 1 citoyen(s), 1 message(s)');
    const groups = screen.getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent)).toEqual(['Citoyens', 'Messages']);
    expect([...list.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['+33612345678', 'passeport']);

    await user.keyboard('{ArrowDown}');
    const options = screen.getAllByRole('option');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByTestId('where').textContent).toBe('/inbox/conv_2?message=msg_9');
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Escape, and says when the query is too short', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ citizens: [], messages: [], nextCursor: null }), { status: 200 })));
    const { user } = renderWithProviders(<SearchBox inputId="search-q" />);
    const box = screen.getByRole('combobox');
    await user.type(box, 'x');
    expect(screen.getByRole('status').textContent).toBe('Tapez au moins 2 caractères.');
    await user.type(box, 'yz');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Aucun résultat pour « xyz »'));
    // Nothing to choose: the list stays closed, the words say so beside it.
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('Aucun résultat pour « xyz »', { selector: 'p' })).toBeTruthy();
    await act(async () => {
      await user.keyboard('{Escape}');
    });
    expect(screen.queryByText('Aucun résultat pour « xyz »', { selector: 'p' })).toBeNull();
  });
});
