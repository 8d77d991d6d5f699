import { beforeEach, describe, expect, it } from 'vitest';
import type { Queue } from '../../../shared/index.js';
import type { Store, StoredAgent } from '../../domain/ports.js';
import { at, ids } from '../../testing/journal-events.js';

// DirectoryStore: queues, agents, sessions, one-time links and settings, which are not
// journal-sourced and so survive a rebuild.

export function directoryContract(current: () => Store): void {
  describe('staff directory and sessions', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    const agent = (over: Partial<StoredAgent> = {}): StoredAgent => ({
      id: ids.agent(),
      email: 'claire.dupont@mairie.fr',
      displayName: 'Claire Dupont',
      role: 'agent',
      queueIds: [],
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$fake',
      ...over,
    });

    const queue = (over: Partial<Queue> = {}): Queue => ({
      id: ids.queue(),
      name: 'Accueil',
      description: '',
      keywords: [],
      isDefault: false,
      ...over,
    });

    it('saves and lists queues, updating by id', async () => {
      const etatCivil = queue({ name: 'État civil', description: 'Actes et livrets', keywords: ['naissance', 'mariage'] });
      const urbanisme = queue({ name: 'Urbanisme', isDefault: true });
      await store.saveQueue(etatCivil);
      await store.saveQueue(urbanisme);
      await store.saveQueue({ ...etatCivil, description: 'Naissances, mariages, décès' });
      const queues = await store.listQueues();
      expect(queues).toHaveLength(2);
      expect(queues).toContainEqual({ ...etatCivil, description: 'Naissances, mariages, décès' });
      expect(queues).toContainEqual(urbanisme);
    });

    it('saves, reads and lists agents; finds them by email whatever the case', async () => {
      const claire = agent({ queueIds: [ids.queue()] });
      const marc = agent({ email: 'Marc.Leroy@Mairie.fr', displayName: 'Marc Leroy', role: 'supervisor' });
      await store.saveAgent(claire);
      await store.saveAgent(marc);
      expect(await store.getAgent(claire.id)).toEqual(claire);
      expect(await store.getAgent(ids.agent())).toBeNull();
      expect(await store.findAgentByEmail('CLAIRE.DUPONT@mairie.fr')).toEqual(claire);
      expect(await store.findAgentByEmail('marc.leroy@mairie.fr')).toEqual(marc);
      expect(await store.findAgentByEmail('nobody@mairie.fr')).toBeNull();

      const promoted = { ...claire, role: 'admin' as const, email: 'claire@mairie.fr' };
      await store.saveAgent(promoted);
      expect(await store.getAgent(claire.id)).toEqual(promoted);
      expect(await store.findAgentByEmail('claire.dupont@mairie.fr')).toBeNull();
      const listed = await store.listAgents();
      expect(listed).toHaveLength(2);
      expect(listed).toContainEqual(promoted);
      expect(listed).toContainEqual(marc);
    });

    it('saves, reads and deletes sessions; an expired session reads as null', async () => {
      const agentId = ids.agent();
      const live = { tokenHash: 'hash-live', agentId, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      const stale = { tokenHash: 'hash-stale', agentId, expiresAt: new Date(Date.now() - 1_000).toISOString() };
      await store.saveSession(live);
      await store.saveSession(stale);
      expect(await store.getSession('hash-live')).toEqual(live);
      expect(await store.getSession('hash-stale')).toBeNull();
      expect(await store.getSession('hash-unknown')).toBeNull();
      await store.deleteSession('hash-live');
      expect(await store.getSession('hash-live')).toBeNull();
      await expect(store.deleteSession('hash-unknown')).resolves.toBeUndefined();
    });

    it('patches the fields given of an agent and nothing else, removing those given as undefined', async () => {
      const id = ids.agent();
      await store.saveAgent({ id, email: 'Patch@Mairie.fr', displayName: 'Avant', role: 'agent', queueIds: [], passwordHash: 'h', lastSignInAt: at(1), skills: ['x'] });
      expect(await store.patchAgent(id, { active: false, lastSignInAt: at(2) })).toBe(true);
      expect(await store.patchAgent(id, { displayName: 'Après', skills: undefined })).toBe(true);
      expect(await store.getAgent(id)).toEqual({ id, email: 'Patch@Mairie.fr', displayName: 'Après', role: 'agent', queueIds: [], passwordHash: 'h', lastSignInAt: at(2), active: false });
      expect((await store.listAgents()).find((a) => a.id === id)?.displayName).toBe('Après');
      expect(await store.findAgentByEmail('patch@mairie.fr')).not.toBeNull();
      expect(await store.patchAgent(ids.agent(), { active: false })).toBe(false);
    });

    it('ends every session of one member of staff at once, and only theirs', async () => {
      const [a, b] = [ids.agent(), ids.agent()];
      const later = new Date(Date.now() + 3_600_000).toISOString();
      for (const [hash, agentId] of [['s1', a], ['s2', a], ['s3', b]] as const) await store.saveSession({ tokenHash: hash, agentId, expiresAt: later });
      expect(await store.deleteSessionsOf(a)).toBe(2);
      expect(await store.getSession('s1')).toBeNull();
      expect(await store.getSession('s2')).toBeNull();
      expect(await store.getSession('s3')).not.toBeNull();
      expect(await store.deleteSessionsOf(a)).toBe(0);
    });

    it('keeps one-time links until they expire, single-use keys once, and settings', async () => {
      const agentId = ids.agent();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const token = { tokenHash: 'invite-hash', agentId, purpose: 'invite' as const, expiresAt: later, data: { note: 'x' } };
      await store.saveAccountToken(token);
      await store.saveAccountToken({ tokenHash: 'old-hash', agentId, purpose: 'reset', expiresAt: new Date(Date.now() - 1000).toISOString() });
      expect(await store.getAccountToken('invite-hash')).toEqual(token);
      expect(await store.getAccountToken('old-hash')).toBeNull();
      expect(await store.getAccountToken('unknown')).toBeNull();
      await store.deleteAccountToken('invite-hash');
      expect(await store.getAccountToken('invite-hash')).toBeNull();

      const uses = await Promise.all([1, 2, 3, 4].map(() => store.useOnce('totp:agt:123', later)));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await store.useOnce('totp:agt:124', later)).toBe(true);
      // Forgotten once expired: a key may be used again after its time.
      expect(await store.useOnce('gone', new Date(Date.now() - 1000).toISOString())).toBe(true);
      expect(await store.useOnce('gone', later)).toBe(true);

      expect(await store.getSetting('second-factor')).toBeNull();
      await store.saveSetting('second-factor', { roles: ['admin'] });
      await store.saveSetting('second-factor', { roles: ['admin', 'supervisor'] });
      expect(await store.getSetting('second-factor')).toEqual({ roles: ['admin', 'supervisor'] });
      await store.rebuildProjections();
      expect(await store.getSetting('second-factor')).toEqual({ roles: ['admin', 'supervisor'] });
    });

    it('leaves the directory alone when projections are rebuilt', async () => {
      const accueil = queue();
      const claire = agent();
      await store.saveQueue(accueil);
      await store.saveAgent(claire);
      await store.rebuildProjections();
      expect(await store.listQueues()).toEqual([accueil]);
      expect(await store.listAgents()).toEqual([claire]);
    });
  });
}
