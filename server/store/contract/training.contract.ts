import { beforeEach, describe, expect, it } from 'vitest';
import { newId, type Annotation, type AnnotationId, type Course, type CourseId } from '../../../shared/index.js';
import type { Store } from '../../domain/ports.js';
import { at, ids } from '../../testing/journal-events.js';

// TrainingStore: annotations and courses, staff data a rebuild keeps.

export function trainingContract(current: () => Store): void {
  describe('training material', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    const replay = (kind: 'conversation' | 'citizen' = 'conversation', id: string = ids.conversation()) => ({ kind, id });
    const annotation = (over: Partial<Annotation> = {}): Annotation => ({
      id: newId<AnnotationId>('ann'),
      replay: replay(),
      seq: 3,
      at: at(3),
      text: 'Bonne reformulation de la demande.',
      authorId: ids.agent(),
      authorName: 'Julien Moreau',
      createdAt: at(100),
      updatedAt: at(100),
      ...over,
    });
    const course = (over: Partial<Course> = {}): Course => ({
      id: newId<CourseId>('crs'),
      title: 'Accueil multicanal',
      description: 'Trois demandes suivies du premier message à la clôture.',
      items: [{ replay: replay(), label: 'Acte de naissance' }, { replay: replay('citizen', ids.citizen()), label: '' }],
      traineeIds: [],
      createdBy: ids.agent(),
      createdAt: at(100),
      updatedAt: at(100),
      ...over,
    });

    it('saves, reads, lists (by seq, then creation) and deletes a replay’s annotations', async () => {
      const ref = replay();
      const late = annotation({ replay: ref, seq: 9, createdAt: at(101) });
      const early = annotation({ replay: ref, seq: 2, createdAt: at(105) });
      const sameSeqFirst = annotation({ replay: ref, seq: 9, createdAt: at(100) });
      const elsewhere = annotation({ replay: replay('citizen', ref.id) });
      for (const a of [late, early, sameSeqFirst, elsewhere]) await store.saveAnnotation(a);
      expect(await store.listAnnotations(ref)).toEqual([early, sameSeqFirst, late]);
      expect(await store.listAnnotations({ kind: 'citizen', id: ref.id })).toEqual([elsewhere]);
      expect(await store.getAnnotation(late.id)).toEqual(late);

      const edited = { ...late, text: 'Réponse incohérente avec le courriel de mardi.', updatedAt: at(110) };
      await store.saveAnnotation(edited);
      expect(await store.getAnnotation(late.id)).toEqual(edited);
      expect(await store.deleteAnnotation(early.id)).toBe(true);
      expect(await store.deleteAnnotation(early.id)).toBe(false);
      expect(await store.getAnnotation(early.id)).toBeNull();
      expect(await store.listAnnotations(ref)).toEqual([sameSeqFirst, edited]);
      expect(await store.listAnnotations(replay())).toEqual([]);
    });

    it('saves courses, lists them by title or by assigned trainee, follows reassignment, and deletes them', async () => {
      const [t1, t2] = [ids.agent(), ids.agent()];
      const urbanisme = course({ title: 'Urbanisme', traineeIds: [t1] });
      const accueil = course({ title: 'Accueil', traineeIds: [t1, t2] });
      const draft = course({ title: 'Brouillon', traineeIds: [] });
      for (const c of [urbanisme, accueil, draft]) await store.saveCourse(c);
      expect(await store.listCourses()).toEqual([accueil, draft, urbanisme]);
      expect(await store.listCourses({ traineeId: t1 })).toEqual([accueil, urbanisme]);
      expect(await store.listCourses({ traineeId: t2 })).toEqual([accueil]);
      expect(await store.listCourses({ traineeId: ids.agent() })).toEqual([]);
      expect(await store.getCourse(accueil.id)).toEqual(accueil);

      const moved = { ...urbanisme, traineeIds: [t2], items: [...urbanisme.items].reverse(), updatedAt: at(120) };
      await store.saveCourse(moved);
      expect(await store.getCourse(urbanisme.id)).toEqual(moved);
      expect(await store.listCourses({ traineeId: t1 })).toEqual([accueil]);
      expect(await store.listCourses({ traineeId: t2 })).toEqual([accueil, moved]);

      expect(await store.deleteCourse(accueil.id)).toBe(true);
      expect(await store.deleteCourse(accueil.id)).toBe(false);
      expect(await store.getCourse(accueil.id)).toBeNull();
      expect(await store.listCourses({ traineeId: t2 })).toEqual([moved]);
      expect(await store.listCourses()).toEqual([draft, moved]);
    });

    it('leaves annotations and courses alone when projections are rebuilt', async () => {
      const a = annotation();
      const c = course({ traineeIds: [ids.agent()] });
      await store.saveAnnotation(a);
      await store.saveCourse(c);
      await store.rebuildProjections();
      expect(await store.listAnnotations(a.replay)).toEqual([a]);
      expect(await store.listCourses({ traineeId: c.traineeIds[0]! })).toEqual([c]);
    });
  });
}
