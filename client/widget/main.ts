import { readEmbedConfig } from './embed-config.js';
import { mountWidget } from './widget.js';

// Entry of dist/widget/guichet-widget.js. `currentScript` is only set while this file first runs.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const config = readEmbedConfig(script, document);

function start(): void {
  // A page that includes the tag twice still gets one chat.
  if (document.querySelector('guichet-chat')) return;
  mountWidget(config);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
