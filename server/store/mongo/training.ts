import type { Annotation, AnnotationId, Course, CourseId, ReplayRef } from '../../../shared/index.js';
import type { CourseQuery } from '../../domain/ports.js';
import type { Collections } from './models.js';

// Annotations and courses: staff data written directly (like the directory), never rebuilt from
// the journal. A course's trainee list lives in the course document (multikey index), so a
// course and its assignments always change together, with no second collection to keep in step.

export interface Training {
  saveAnnotation(annotation: Annotation): Promise<void>;
  getAnnotation(id: AnnotationId): Promise<Annotation | null>;
  listAnnotations(replay: ReplayRef): Promise<Annotation[]>;
  deleteAnnotation(id: AnnotationId): Promise<boolean>;
  saveCourse(course: Course): Promise<void>;
  getCourse(id: CourseId): Promise<Course | null>;
  listCourses(query: CourseQuery): Promise<Course[]>;
  deleteCourse(id: CourseId): Promise<boolean>;
}

const HIDE_ID = { projection: { _id: 0 } } as const;

export function training(c: Collections): Training {
  return {
    async saveAnnotation(a) {
      await c.annotations.replaceOne({ _id: a.id }, { ...a }, { upsert: true });
    },
    getAnnotation: (id) => c.annotations.findOne<Annotation>({ _id: id }, HIDE_ID),
    listAnnotations: (replay) =>
      c.annotations
        .find<Annotation>({ 'replay.kind': replay.kind, 'replay.id': replay.id }, HIDE_ID)
        .sort({ seq: 1, createdAt: 1, _id: 1 })
        .toArray(),
    deleteAnnotation: async (id) => (await c.annotations.deleteOne({ _id: id })).deletedCount > 0,
    async saveCourse(course) {
      await c.courses.replaceOne({ _id: course.id }, { ...course }, { upsert: true });
    },
    getCourse: (id) => c.courses.findOne<Course>({ _id: id }, HIDE_ID),
    listCourses: (query) =>
      c.courses
        .find<Course>(query.traineeId === undefined ? {} : { traineeIds: query.traineeId }, HIDE_ID)
        .sort({ title: 1, _id: 1 })
        .toArray(),
    deleteCourse: async (id) => (await c.courses.deleteOne({ _id: id })).deletedCount > 0,
  };
}
