import { z } from 'zod';
import { AddIdentityCommand, ConfirmIdentityCommand, NoteCommand, ProfileCommand, RemoveIdentityCommand, RenameCommand } from '../domain/citizens/profile-service.js';

// The citizen's profile edited by hand, for the OpenAPI document (openapi.ts merges it).

const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
const json = (s: unknown) => ({ 'application/json': { schema: s } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: json(ref('Error')) });
const errors = { 400: problem('Malformed request (reason identity_format for a bad address or number)'), 401: problem('Not logged in'), 403: problem('Role not allowed') };
const id = { name: 'id', in: 'path', required: true, description: 'citizen id', schema: { type: 'string' } };
const changed = { description: '{ citizen, events }: the citizen as the change leaves them, and the seqs written', content: json({ type: 'object', properties: { citizen: ref('Citizen'), events: { type: 'array', items: { type: 'integer' } } } }) };
const op = (summary: string, body: string, extra: Record<number, unknown> = {}, status = 200) => ({
  summary,
  parameters: [id],
  requestBody: { required: true, content: json(ref(body)) },
  responses: { [status]: changed, 404: problem('Unknown, or none of its conversations is visible to the caller'), ...extra, ...errors },
});

export const citizenSchemas = {
  RenameCitizen: schema(RenameCommand),
  CitizenProfilePatch: schema(ProfileCommand),
  CitizenNoteInput: schema(NoteCommand),
  IdentityInput: schema(AddIdentityCommand),
  IdentityConfirmation: schema(ConfirmIdentityCommand),
  IdentityRemoval: schema(RemoveIdentityCommand),
};

export const citizenPaths = {
  '/api/citizens/{id}/profile-history': {
    get: {
      summary: 'Changes made to the record by hand, oldest first, each with its author (the journal events)',
      parameters: [id],
      responses: { 200: { description: '{ items: JournalEvent[] }' }, 404: problem('Unknown, or none of its conversations is visible to the caller'), ...errors },
    },
  },
  '/api/citizens/{id}/name': { put: op('Change the display name (citizen.renamed)', 'RenameCitizen') },
  '/api/citizens/{id}/profile': { patch: op('Preferred channel and language; null clears one (citizen.profile-updated)', 'CitizenProfilePatch') },
  '/api/citizens/{id}/notes': { post: op('Add a contact note (citizen.note-added)', 'CitizenNoteInput', {}, 201) },
  '/api/citizens/{id}/identities': {
    post: op('Add an identity by hand: normalised (E.164, lower-case email), level unverified (identity.linked with by)', 'IdentityInput', { 409: problem('Held by this or another citizen (identity_already_held, identity_held_elsewhere)') }, 201),
  },
  '/api/citizens/{id}/identities/confirm': { post: op('Confirm an identity, saying how (identity.confirmed)', 'IdentityConfirmation') },
  '/api/citizens/{id}/identities/remove': {
    post: op('Remove an identity added by mistake (identity.unlinked); one a channel proved: supervisors and admins only (identity_channel_proved)', 'IdentityRemoval', { 409: problem('Removed meanwhile') }),
  },
};
