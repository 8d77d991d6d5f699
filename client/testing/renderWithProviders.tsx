import { cleanup, render, type RenderOptions } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router';
import { afterEach } from 'vitest';
import { initI18n } from '../app/i18n.js';
// The open conversation's words (composer, timeline…) are a page section, not in the first load.
import '../app/pageWords.js';
import { makeStore, type RootState } from '../app/store.js';
import { realtimeConnect } from '../realtime/actions.js';
import { createRealtime } from '../realtime/realtime.js';
import { FakeSocket } from './fakeSocket.js';

// Component tests render what main.tsx renders around a component: the app's own store (every
// slice, the listeners, the realtime middleware), the French words, a router for the links. Only
// the socket is fake, and the test plays the server: a command lands in `socket.emitted` and is
// answered by `socket.onCommand`, exactly as the console's thunks would see a real server.
// For files that declare `// @vitest-environment jsdom`.

const i18n = await initI18n();
await i18n.changeLanguage('fr');

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  // Pending sends and the settings are written through to the browser's storage: no test inherits another's.
  localStorage.clear();
});

export interface RenderWithProvidersOptions extends Omit<RenderOptions, 'queries' | 'wrapper'> {
  preloadedState?: Partial<RootState>;
  /** The server's side of the connection; pass one to answer commands before the first render. */
  socket?: FakeSocket;
  /** Where the router starts. */
  route?: string;
}

export function renderWithProviders(ui: ReactElement, options: RenderWithProvidersOptions = {}) {
  const { preloadedState, socket = new FakeSocket(), route = '/', ...renderOptions } = options;
  const realtime = createRealtime({ connect: () => socket.asSocket() });
  const store = makeStore(preloadedState, { realtime });
  // Opens the socket so that commands travel over it. It never reports `connect`, so no catch-up
  // runs behind the test's back (and typing, which only a live socket carries, is not sent).
  store.dispatch(realtimeConnect({ token: 'test' }));

  function Providers({ children }: { children: ReactNode }) {
    return (
      <Provider store={store}>
        <I18nextProvider i18n={i18n}>
          <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
        </I18nextProvider>
      </Provider>
    );
  }

  const user = userEvent.setup();
  return { store, socket, user, ...render(ui, { wrapper: Providers, ...renderOptions }) };
}
