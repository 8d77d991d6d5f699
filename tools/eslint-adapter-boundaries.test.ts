import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { adapterBoundaries } from './eslint-adapter-boundaries.js';

// RuleTester writes its own describe/it blocks; hand it vitest's.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const at = (file: string): string => path.join(root, file);

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: 'module' } });

tester.run('adapter-boundaries', adapterBoundaries, {
  valid: [
    // A channel: the domain, shared/, its own folder (sub-folders included), the channels' helpers,
    // the two kits, packages.
    { filename: at('server/channels/email/attachment-routes.ts'), code: "import { AccessGate } from '../../domain/access.js';" },
    { filename: at('server/channels/email/attachment-routes.ts'), code: "import type { Store } from '../../domain/ports.js';" },
    { filename: at('server/channels/webchat/webchat-namespace.ts'), code: "import { normalizeIdentity } from '../../../shared/index.js';" },
    { filename: at('server/channels/webchat/webchat-namespace.ts'), code: "import { originAllowed } from './origin-policy.js';" },
    { filename: at('server/channels/social/meta/meta-module.ts'), code: "import { disabled } from '../../webhook-kit.js';" },
    { filename: at('server/channels/social/meta/meta-module.ts'), code: "import { socialFromConfig } from '../social-from-config.js';" },
    { filename: at('server/channels/email/attachment-routes.ts'), code: "import { agentOf, guardFor, sendError } from '../../http/kit.js';" },
    { filename: at('server/channels/webchat/agent-typing.ts'), code: "import { guardedListener } from '../../realtime/kit.js';" },
    { filename: at('server/channels/webchat/agent-typing.ts'), code: "export { rooms } from '../../realtime/kit.js';" },
    { filename: at('server/channels/email/smtp-listener.ts'), code: "import { SMTPServer } from 'smtp-server';" },
    // Outside the rule's folders: not its business (the domain and the console have rules of their own).
    { filename: at('server/http/app.ts'), code: "import type { ChannelDescription } from '../channels/channel-module.js';" },
    { filename: at('server/main.ts'), code: "import { openStore } from './store/open-store.js';" },
    // A store adapter: its own folder, the domain, shared/.
    { filename: at('server/store/sqlite/sqlite-store.ts'), code: "import { BadCursorError } from '../errors.js';" },
    { filename: at('server/store/sqlite/sqlite-store.ts'), code: "import type { Store } from '../../domain/ports.js';" },
  ],
  invalid: [
    {
      filename: at('server/channels/email/attachment-routes.ts'),
      code: "import { sendError } from '../../http/errors.js';",
      errors: [{ messageId: 'channelToLayer', data: { from: 'email', area: 'http', module: 'errors' } }],
    },
    {
      filename: at('server/channels/webchat/webchat-namespace.ts'),
      code: "import { rooms } from '../../realtime/push-routing.js';\nimport { ackedHandler } from '../../realtime/socket-handler.js';",
      errors: [
        { messageId: 'channelToLayer', data: { from: 'webchat', area: 'realtime', module: 'push-routing' }, line: 1 },
        { messageId: 'channelToLayer', data: { from: 'webchat', area: 'realtime', module: 'socket-handler' }, line: 2 },
      ],
    },
    {
      // Type-only imports count: they still tie the channel to the layer's inside.
      filename: at('server/channels/email/attachment-routes.ts'),
      code: "import type { AuthedLocals } from '../../http/session-middleware.js';",
      errors: [{ messageId: 'channelToLayer' }],
    },
    {
      // A kit deeper down is not the kit.
      filename: at('server/channels/webchat/widget-routes.ts'),
      code: "import { x } from '../../http/admin/kit.js';",
      errors: [{ messageId: 'channelToLayer', data: { from: 'webchat', area: 'http', module: 'admin/kit' } }],
    },
    {
      filename: at('server/channels/webchat/widget-routes.ts'),
      code: "export * from '../../http/precompressed-static.js';",
      errors: [{ messageId: 'channelToLayer' }],
    },
    {
      filename: at('server/channels/webchat/widget-routes.ts'),
      code: "const kit = await import('../../realtime/agent-gateway.js');",
      errors: [{ messageId: 'channelToLayer' }],
    },
    {
      filename: at('server/channels/phone/cdr-import.ts'),
      code: "import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';",
      errors: [{ messageId: 'channelToStore', data: { from: 'phone', module: 'sqlite/sqlite-store' } }],
    },
    {
      filename: at('server/channels/webchat/webchat-sender.ts'),
      code: "import { smtpSender } from '../email/smtp-sender.js';",
      errors: [{ messageId: 'crossChannel', data: { from: 'webchat', to: 'email' } }],
    },
    {
      // The helpers serve every channel, so they depend on none.
      filename: at('server/channels/webhook-kit.ts'),
      code: "import { metaSignature } from './social/meta/meta-signature.js';",
      errors: [{ messageId: 'crossChannel', data: { from: 'channels/', to: 'social' } }],
    },
    {
      filename: at('server/channels/webhook-kit.ts'),
      code: "import { sendError } from '../http/errors.js';",
      errors: [{ messageId: 'channelToLayer', data: { from: 'channels/', area: 'http', module: 'errors' } }],
    },
    {
      filename: at('server/store/sqlite/sqlite-store.ts'),
      code: "import { sendError } from '../../http/kit.js';",
      errors: [{ messageId: 'storeToAdapter', data: { area: 'http', module: 'kit' } }],
    },
    {
      filename: at('server/store/mongo/journal.ts'),
      code: "import { rooms } from '../../realtime/push-routing.js';\nimport type { ChannelContext } from '../../channels/channel-module.js';",
      errors: [
        { messageId: 'storeToAdapter', data: { area: 'realtime', module: 'push-routing' } },
        { messageId: 'storeToAdapter', data: { area: 'channels', module: 'channel-module' } },
      ],
    },
    {
      // A checkout under a folder that is itself server/channels/<x>: the project's own server/ counts.
      filename: '/srv/server/channels/guichet/server/store/sqlite/queries.ts',
      code: "import { sendError } from '../../http/errors.js';",
      errors: [{ messageId: 'storeToAdapter', data: { area: 'http', module: 'errors' } }],
    },
  ],
});
