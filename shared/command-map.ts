import { z } from 'zod';
import {
  AddNoteCommand,
  AssignCommand,
  CatchUpCommand,
  DismissDuplicateCommand,
  LogCallCommand,
  MarkReadCommand,
  MergeCitizensCommand,
  OfferAnswerCommand,
  SendMessageCommand,
  SetAgentStateCommand,
  SetStatusCommand,
  SummarizeCallCommand,
  TypingCommand,
  UnmergeCitizenCommand,
  WatchCommand,
  WhisperCommand,
} from './commands.js';
import type { Permission } from './permissions.js';
import { SetPresenceCommand } from './presence.js';
import { MarkMentionsReadCommand } from './mention-inbox.js';
import type { ClientToServerEvents } from './socket-events.js';

/** The payload of a command that takes none: `{}` and nothing else. */
export const EmptyCommand = z.object({}).strict();

export interface CommandSpec {
  /** Validated before anything else runs; a payload it refuses gets a `bad_request` ack. */
  schema: z.ZodType;
  /** The role permission the caller needs (shared/permissions.ts). */
  permission: Permission;
  /** Fire and forget: no ack is sent back (typing). */
  ack: boolean;
}

const spec = <S extends z.ZodType>(schema: S, permission: Permission) => ({ schema, permission, ack: true as const });
const fireAndForget = <S extends z.ZodType>(schema: S, permission: Permission) => ({ schema, permission, ack: false as const });

/**
 * The one table of the staff socket's commands. The gateway registers its handlers from it and
 * checks each payload and role here first; the command fuzz test and the access matrix enumerate
 * it, so a command added to ClientToServerEvents without an entry does not compile.
 */
export const STAFF_COMMANDS = {
  'message:send': spec(SendMessageCommand, 'message:send'),
  'note:add': spec(AddNoteCommand, 'note:add'),
  // Logging a call is writing to the citizen's history (a call-back is a reply); a summary is a note.
  'call:log': spec(LogCallCommand, 'message:send'),
  'call:summarize': spec(SummarizeCallCommand, 'note:add'),
  'conversation:assign': spec(AssignCommand, 'conversation:assign'),
  'conversation:set-status': spec(SetStatusCommand, 'conversation:set-status'),
  'conversation:mark-read': spec(MarkReadCommand, 'conversation:set-status'),
  'conversation:watch': spec(WatchCommand, 'inbox:read'),
  'conversation:unwatch': spec(WatchCommand, 'inbox:read'),
  'journal:catch-up': spec(CatchUpCommand, 'inbox:read'),
  'agent:set-state': spec(SetAgentStateCommand, 'agent:own-state'),
  'agent:statuses': spec(EmptyCommand, 'agent:own-state'),
  'offer:accept': spec(OfferAnswerCommand, 'agent:own-state'),
  'offer:decline': spec(OfferAnswerCommand, 'agent:own-state'),
  'conversation:typing': fireAndForget(TypingCommand, 'message:send'),
  'supervisor:subscribe': spec(EmptyCommand, 'supervisor:subscribe'),
  'board:snapshot': spec(EmptyCommand, 'supervisor:subscribe'),
  'whisper:send': spec(WhisperCommand, 'supervisor:monitor'),
  'whisper:list': spec(WatchCommand, 'inbox:read'),
  'citizen:merge': spec(MergeCitizensCommand, 'citizen:merge'),
  'citizen:unmerge': spec(UnmergeCitizenCommand, 'citizen:unmerge'),
  'citizen:dismiss-duplicate': spec(DismissDuplicateCommand, 'citizen:merge'),
  'presence:set': spec(SetPresenceCommand, 'inbox:read'),
  'mentions:mark-read': spec(MarkMentionsReadCommand, 'inbox:read'),
} as const satisfies { [K in keyof ClientToServerEvents]: CommandSpec };

export type StaffCommandName = keyof typeof STAFF_COMMANDS;
export type AckedStaffCommand = { [K in StaffCommandName]: (typeof STAFF_COMMANDS)[K]['ack'] extends true ? K : never }[StaffCommandName];
/** A command's payload once its schema has validated (and, where it says so, trimmed or defaulted) it. */
export type ParsedCommand<K extends StaffCommandName> = z.output<(typeof STAFF_COMMANDS)[K]['schema']>;
export const STAFF_COMMAND_NAMES = Object.keys(STAFF_COMMANDS) as StaffCommandName[];
