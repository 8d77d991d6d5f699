import { z } from 'zod';
import { AgentId, type CitizenId, type ConversationId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import { Channel, ConversationStatus } from './model.js';

// The trainer's replay: a conversation or a whole citizen history played back from the journal,
// masked by default; annotations pinned on its timeline; courses gathering replays for trainees.
// The console imports only types from here (the schemas stay on the server side of the bundle).

export const REPLAY_KINDS = ['conversation', 'citizen'] as const;
export const ReplayKind = z.enum(REPLAY_KINDS);
export type ReplayKind = z.infer<typeof ReplayKind>;

/** What is replayed: one conversation, or everything a citizen ever exchanged. */
export const ReplayRef = z.object({ kind: ReplayKind, id: z.string().min(1).max(64) });
export type ReplayRef = z.infer<typeof ReplayRef>;

export const AnnotationId = z.string().min(1).max(64).brand<'AnnotationId'>();
export type AnnotationId = z.infer<typeof AnnotationId>;
export const CourseId = z.string().min(1).max(64).brand<'CourseId'>();
export type CourseId = z.infer<typeof CourseId>;

/** A trainer's comment pinned at a moment of a replay: after the event `seq`, at instant `at`. */
export const Annotation = z.object({
  id: AnnotationId,
  replay: ReplayRef,
  seq: z.number().int().nonnegative(),
  at: z.string(),
  text: z.string().min(1).max(2000),
  authorId: AgentId,
  authorName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const NewAnnotation = z.object({
  seq: z.number().int().nonnegative(),
  at: z.iso.datetime({ offset: true }),
  text: z.string().trim().min(1, 'the annotation is empty').max(2000),
});
export type NewAnnotation = z.input<typeof NewAnnotation>;

export const AnnotationPatch = z.object({ text: z.string().trim().min(1, 'the annotation is empty').max(2000) });
export type AnnotationPatch = z.input<typeof AnnotationPatch>;

export const CourseItem = z.object({ replay: ReplayRef, label: z.string().trim().max(200).default('') });
export type CourseItem = z.infer<typeof CourseItem>;

/** A named playlist of replays; trainees play the courses assigned to them and nothing else. */
export const Course = z.object({
  id: CourseId,
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
  items: z.array(CourseItem).max(50),
  traineeIds: z.array(AgentId).max(500),
  createdBy: AgentId,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Course = z.infer<typeof Course>;

export const CourseInput = z.object({
  title: z.string().trim().min(1, 'the course needs a title').max(200),
  description: z.string().trim().max(2000).default(''),
  items: z.array(CourseItem).max(50, 'a course holds 50 replays at most').default([]),
  traineeIds: z.array(AgentId).max(500).default([]),
});
export type CourseInput = z.input<typeof CourseInput>;

export const UnmaskRequest = z.object({ reason: z.string().trim().max(500).optional() });
export type UnmaskRequest = z.input<typeof UnmaskRequest>;

export const ReplayListQuery = z.object({
  /** Words of the messages, matched only where they are still visible once masked. */
  q: z.string().trim().min(2, 'type at least two characters').max(200).optional(),
  channel: Channel.optional(),
  queueId: QueueId.optional(),
  status: ConversationStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ReplayListQuery = z.input<typeof ReplayListQuery>;

/** What masking removed from a message: the player says so instead of showing it. */
export interface HiddenContent {
  attachments: number;
  recording: boolean;
}

export interface ReplayData {
  ref: ReplayRef;
  masked: boolean;
  citizenId: CitizenId;
  /** "Citoyen A" when masked. */
  citizenLabel: string;
  /** The conversation's subject (masked), or null. */
  title: string | null;
  /**
   * The citizen's events before the slice starts (their earlier conversations): what the agent
   * could already scroll back to. Folded before the first frame; not played.
   */
  context: JournalEvent[];
  /** The journal slice, in seq order with original timestamps, payloads masked when `masked`. */
  events: JournalEvent[];
  /** By message id. */
  hidden: Record<string, HiddenContent>;
  annotations: Annotation[];
  /** The slice was longer than a replay holds; only its beginning is here. */
  truncated: boolean;
}

/** One row of the trainer's conversation picker (masked). */
export interface ReplaySummary {
  conversationId: ConversationId;
  citizenId: CitizenId;
  citizenLabel: string;
  subject: string | null;
  /** The latest message, masked: what the conversation is about when it has no subject. */
  preview: string;
  channels: Channel[];
  status: ConversationStatus;
  queueId: QueueId;
  openedAt: string;
  lastActivityAt: string;
  messageCount: number;
}

export interface ReplayPage {
  items: ReplaySummary[];
  nextCursor: string | null;
}
