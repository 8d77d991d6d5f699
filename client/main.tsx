import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { sessionExpired } from './app/actions.js';
import { setUnauthenticatedHandler } from './app/api.js';
import { App } from './app/App.js';
import { initI18n } from './app/i18n.js';
import { makeStore } from './app/store.js';
import './app/styles.css';

const store = makeStore();
setUnauthenticatedHandler(() => {
  if (store.getState().session.status === 'authenticated') store.dispatch(sessionExpired());
});

// Not a top-level await: the lazy chunks import from this entry, which must finish evaluating
// first, so Rollup would otherwise split the entry's shared code into many small chunks.
void initI18n().then((i18n) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Provider store={store}>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </Provider>
    </StrictMode>,
  );
});
