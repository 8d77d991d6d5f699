import type BetterSqlite3 from 'better-sqlite3';
import type { Annotation, AnnotationId, Course, CourseId, ReplayRef } from '../../../shared/index.js';
import type { CourseQuery } from '../../domain/ports.js';

// Annotations and courses: staff data written directly (like the directory), never rebuilt from
// the journal. Bodies are the domain objects as JSON; the other columns are copies for indexes.

type Body = { body: string };

export interface Training {
  saveAnnotation(annotation: Annotation): void;
  getAnnotation(id: AnnotationId): Annotation | null;
  listAnnotations(replay: ReplayRef): Annotation[];
  deleteAnnotation(id: AnnotationId): boolean;
  saveCourse(course: Course): void;
  getCourse(id: CourseId): Course | null;
  listCourses(query: CourseQuery): Course[];
  deleteCourse(id: CourseId): boolean;
}

export function training(db: BetterSqlite3.Database): Training {
  const putAnnotation = db.prepare<[string, string, string, number, string, string]>(
    `INSERT INTO annotations (id, replay_kind, replay_id, seq, created_at, body) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET replay_kind = excluded.replay_kind, replay_id = excluded.replay_id,
       seq = excluded.seq, created_at = excluded.created_at, body = excluded.body`,
  );
  const annotation = db.prepare<[string], Body>('SELECT body FROM annotations WHERE id = ?');
  const annotationsOf = db.prepare<[string, string], Body>(
    'SELECT body FROM annotations WHERE replay_kind = ? AND replay_id = ? ORDER BY seq, created_at, id',
  );
  const dropAnnotation = db.prepare<[string]>('DELETE FROM annotations WHERE id = ?');

  const putCourse = db.prepare<[string, string, string]>(
    'INSERT INTO courses (id, title, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body',
  );
  const clearTrainees = db.prepare<[string]>('DELETE FROM course_trainees WHERE course_id = ?');
  const addTrainee = db.prepare<[string, string]>('INSERT OR IGNORE INTO course_trainees (course_id, trainee_id) VALUES (?, ?)');
  const course = db.prepare<[string], Body>('SELECT body FROM courses WHERE id = ?');
  const courses = db.prepare<[], Body>('SELECT body FROM courses ORDER BY title, id');
  const coursesOf = db.prepare<[string], Body>(
    `SELECT c.body FROM course_trainees t JOIN courses c ON c.id = t.course_id WHERE t.trainee_id = ? ORDER BY c.title, c.id`,
  );
  const dropCourse = db.prepare<[string]>('DELETE FROM courses WHERE id = ?');

  // The course row and its assignments change together, or a trainee could see a course's old
  // assignment list next to its new body.
  const saveCourse = db.transaction((c: Course) => {
    putCourse.run(c.id, c.title, JSON.stringify(c));
    clearTrainees.run(c.id);
    for (const trainee of c.traineeIds) addTrainee.run(c.id, trainee);
  });

  const parse = <T>(row: Body | undefined): T | null => (row ? (JSON.parse(row.body) as T) : null);

  return {
    saveAnnotation(a) {
      putAnnotation.run(a.id, a.replay.kind, a.replay.id, a.seq, a.createdAt, JSON.stringify(a));
    },
    getAnnotation: (id) => parse<Annotation>(annotation.get(id)),
    listAnnotations: (replay) => annotationsOf.all(replay.kind, replay.id).map((r) => JSON.parse(r.body) as Annotation),
    deleteAnnotation: (id) => dropAnnotation.run(id).changes > 0,
    saveCourse(c) {
      saveCourse.immediate(c);
    },
    getCourse: (id) => parse<Course>(course.get(id)),
    listCourses(query) {
      const rows = query.traineeId === undefined ? courses.all() : coursesOf.all(query.traineeId);
      return rows.map((r) => JSON.parse(r.body) as Course);
    },
    deleteCourse: (id) => dropCourse.run(id).changes > 0,
  };
}
