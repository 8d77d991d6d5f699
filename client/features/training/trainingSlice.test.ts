import { describe, expect, it } from 'vitest';
import type { AgentId } from '../../../shared/ids.js';
import type { Course, CourseId } from '../../../shared/replay.js';
import { initialTrainingState, loadCourses, removeCourse, saveCourse, trainingSlice } from './trainingSlice.js';

const reducer = trainingSlice.reducer;
const course = (id: string, title: string): Course => ({
  id: id as CourseId,
  title,
  description: '',
  items: [],
  traineeIds: [],
  createdBy: 'agt_t' as AgentId,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

describe('courses state', () => {
  it('keeps courses sorted by title through creation, edits and deletion', () => {
    let s = reducer(initialTrainingState, loadCourses.fulfilled([course('crs_b', 'Urbanisme')], 'l1'));
    s = reducer(s, saveCourse.fulfilled(course('crs_a', 'Accueil'), 's1', { input: { title: 'Accueil' } }));
    expect(s.courses.map((c) => c.title)).toEqual(['Accueil', 'Urbanisme']);
    s = reducer(s, saveCourse.fulfilled(course('crs_b', 'Affaires scolaires'), 's2', { id: 'crs_b', input: { title: 'Affaires scolaires' } }));
    expect(s.courses.map((c) => c.id)).toEqual(['crs_a', 'crs_b']);
    expect(s.courses).toHaveLength(2);
    s = reducer(s, removeCourse.fulfilled('crs_a', 'd1', 'crs_a'));
    expect(s.courses.map((c) => c.id)).toEqual(['crs_b']);
  });

  it('reports a refused save and clears it on the next attempt', () => {
    let s = reducer(initialTrainingState, saveCourse.rejected(null, 's1', { input: { title: 'x' } }, { status: 400, code: 'bad_request', message: 'agt_x is not a trainee account' }));
    // Kept as codes for the console to word, not as the server's English sentence.
    expect(s).toMatchObject({ saving: false, error: { code: 'bad_request' } });
    s = reducer(s, saveCourse.pending('s2', { input: { title: 'x' } }));
    expect(s).toMatchObject({ saving: true, error: null });
  });
});
