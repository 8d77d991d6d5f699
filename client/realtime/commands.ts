import { createAsyncThunk } from '@reduxjs/toolkit';
import type { Ack } from '../../shared/ack.js';
import type {
  AddNoteCommand,
  AssignCommand,
  MarkReadCommand,
  SendMessageCommand,
  SetStatusCommand,
} from '../../shared/commands.js';
import type { Conversation, Message } from '../../shared/model.js';
import type { CommandName, CommandPayload, CommandResult, RealtimeCommands } from './realtime.js';

/** The thunk extra argument: the store's realtime layer. */
export interface RealtimeExtra {
  realtime: RealtimeCommands;
}

// Command thunks always fulfil with the ack (an `ok: false` ack is an answer, not a crash), so
// slices read `action.payload.ok` and `action.meta.arg` (e.g. the clientMessageId to retry with).
export function commandThunk<K extends CommandName>(name: K) {
  return createAsyncThunk<Ack<CommandResult<K>>, CommandPayload<K>, { extra: RealtimeExtra }>(
    `command/${name}`,
    (payload, { extra }) => extra.realtime.command(name, payload),
  );
}

export const sendMessage = commandThunk('message:send');
export const addNote = commandThunk('note:add');
export const assignConversation = commandThunk('conversation:assign');
export const setConversationStatus = commandThunk('conversation:set-status');
export const markConversationRead = commandThunk('conversation:mark-read');
export const logCall = commandThunk('call:log');
export const summarizeCall = commandThunk('call:summarize');
export const setAgentState = commandThunk('agent:set-state');
export const fetchAgentStatuses = commandThunk('agent:statuses');
export const acceptOffer = commandThunk('offer:accept');
export const declineOffer = commandThunk('offer:decline');
export const mergeCitizens = commandThunk('citizen:merge');
export const unmergeCitizen = commandThunk('citizen:unmerge');
export const dismissDuplicate = commandThunk('citizen:dismiss-duplicate');

// Compile-time check that the table above matches the shared command payloads and results.
type Expect<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type CommandTypesCheck = [
  Expect<Same<CommandPayload<'message:send'>, SendMessageCommand>>,
  Expect<Same<CommandPayload<'note:add'>, AddNoteCommand>>,
  Expect<Same<CommandPayload<'conversation:assign'>, AssignCommand>>,
  Expect<Same<CommandPayload<'conversation:set-status'>, SetStatusCommand>>,
  Expect<Same<CommandPayload<'conversation:mark-read'>, MarkReadCommand>>,
  Expect<Same<CommandResult<'message:send'>, Message>>,
  Expect<Same<CommandResult<'conversation:assign'>, Conversation>>,
];
