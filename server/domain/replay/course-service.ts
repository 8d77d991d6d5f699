import {
  CourseInput,
  can,
  newId,
  type Agent,
  type AgentId,
  type CitizenId,
  type ConversationId,
  type Course,
  type CourseId,
  type CourseItem,
} from '../../../shared/index.js';
import { DomainError, parseOrReject } from '../errors.js';
import type { Clock, Store } from '../ports.js';
import { assertCan } from './replay-access.js';
import { replayMasker, sourceMasker } from './replay-masking.js';
import { loadReplaySource } from './replay-slice.js';

export interface CourseDeps {
  store: Store;
  clock: Clock;
  maskSecret: string;
}

type Viewer = Pick<Agent, 'id' | 'role'>;

/** Courses: trainers and admins build and assign them; a trainee sees the ones assigned to them. */
export class CourseService {
  constructor(private readonly deps: CourseDeps) {}

  async list(viewer: Viewer): Promise<Course[]> {
    if (can(viewer.role, 'training:manage')) return this.deps.store.listCourses();
    if (can(viewer.role, 'course:play')) return this.deps.store.listCourses({ traineeId: viewer.id });
    throw new DomainError('forbidden', `your role (${viewer.role}) has no courses`);
  }

  async get(viewer: Viewer, id: CourseId): Promise<Course> {
    const course = await this.deps.store.getCourse(id);
    if (can(viewer.role, 'training:manage')) {
      if (!course) throw new DomainError('not_found', 'no such course');
      return course;
    }
    // A trainee learns nothing about courses that are not theirs, not even whether they exist.
    if (can(viewer.role, 'course:play') && course?.traineeIds.includes(viewer.id as AgentId)) return course;
    throw new DomainError('forbidden', 'this course is not assigned to you', { reason: 'course_not_assigned' });
  }

  async create(viewer: Viewer, body: unknown): Promise<Course> {
    assertCan(viewer, 'training:manage');
    const input = await this.validated(body);
    const now = this.deps.clock.now().toISOString();
    const course: Course = {
      id: newId<CourseId>('crs', this.deps.clock.now().getTime()),
      ...input,
      createdBy: viewer.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.store.saveCourse(course);
    return course;
  }

  async update(viewer: Viewer, id: CourseId, body: unknown): Promise<Course> {
    assertCan(viewer, 'training:manage');
    const existing = await this.deps.store.getCourse(id);
    if (!existing) throw new DomainError('not_found', 'no such course');
    const input = await this.validated(body);
    const course: Course = { ...existing, ...input, updatedAt: this.deps.clock.now().toISOString() };
    await this.deps.store.saveCourse(course);
    return course;
  }

  async remove(viewer: Viewer, id: CourseId): Promise<void> {
    assertCan(viewer, 'training:manage');
    if (!(await this.deps.store.deleteCourse(id))) throw new DomainError('not_found', 'no such course');
  }

  /** Trainees must be trainee accounts; every replay must exist; blank labels get the masked subject. */
  private async validated(body: unknown): Promise<Pick<Course, 'title' | 'description' | 'items' | 'traineeIds'>> {
    const input = parseOrReject(CourseInput, body, 'course');
    const traineeIds = [...new Set(input.traineeIds)];
    for (const id of traineeIds) {
      const agent = await this.deps.store.getAgent(id);
      if (!agent || agent.role !== 'trainee') throw new DomainError('bad_request', `${id} is not a trainee account`);
    }
    const staffNames = (await this.deps.store.listAgents()).map((a) => a.displayName);
    const items: CourseItem[] = [];
    for (const item of input.items) {
      if (items.some((i) => i.replay.kind === item.replay.kind && i.replay.id === item.replay.id)) continue;
      // Checked even when labelled: a course must not point at a replay that does not exist.
      const fallback = await this.defaultLabel(item, staffNames);
      items.push({ replay: item.replay, label: item.label || fallback });
    }
    return { title: input.title, description: input.description, items, traineeIds };
  }

  private async defaultLabel(item: CourseItem, staffNames: readonly string[]): Promise<string> {
    const { store } = this.deps;
    if (item.replay.kind === 'citizen') {
      const citizen = await store.getCitizen(item.replay.id as CitizenId);
      if (!citizen) throw new DomainError('bad_request', `no citizen ${item.replay.id}`);
      const masker = replayMasker({ secret: this.deps.maskSecret, ref: item.replay, citizen, events: [], staffNames });
      return `Historique de ${masker.citizenLabel(citizen.id)}`;
    }
    const conversation = await store.getConversation(item.replay.id as ConversationId);
    if (!conversation) throw new DomainError('bad_request', `no conversation ${item.replay.id}`);
    const citizen = await store.getCitizen(conversation.citizenId);
    if (!citizen || conversation.subject === undefined) return 'Conversation';
    // Masked as the replay itself masks it: with every name its texts introduce.
    const masker = sourceMasker(this.deps.maskSecret, item.replay, await loadReplaySource(store, item.replay), staffNames);
    return masker.text(conversation.subject).slice(0, 200);
  }
}
