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

const i18n = initI18n();
const store = makeStore();
setUnauthenticatedHandler(() => {
  if (store.getState().session.status === 'authenticated') store.dispatch(sessionExpired());
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </Provider>
  </StrictMode>,
);
