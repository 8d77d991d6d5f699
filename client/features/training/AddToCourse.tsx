import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course, ReplayRef } from '../../../shared/replay.js';
import { useAppDispatch } from '../../app/hooks.js';
import { saveCourse } from './trainingSlice.js';
import './training.css';

/** On the player: put this replay in a course, with a label for trainees. */
export function AddToCourse({ courses, replayRef }: { courses: readonly Course[]; replayRef: ReplayRef }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [courseId, setCourseId] = useState(courses[0]?.id ?? '');
  const [label, setLabel] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const course = courses.find((c) => c.id === courseId);
  const already = course?.items.some((i) => i.replay.kind === replayRef.kind && i.replay.id === replayRef.id) ?? false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!course || already) return;
    const result = await dispatch(
      saveCourse({
        id: course.id,
        input: { title: course.title, description: course.description, traineeIds: course.traineeIds, items: [...course.items, { replay: replayRef, label: label.trim() }] },
      }),
    );
    if (saveCourse.fulfilled.match(result)) {
      setDone(course.title);
      setLabel('');
    }
  };

  return (
    <section aria-labelledby="add-to-course-title">
      <h2 id="add-to-course-title" className="panel-title">
        {t('training.addTitle')}
      </h2>
      {courses.length === 0 ? (
        <p className="muted">{t('training.none')}</p>
      ) : (
        <form className="annotations__form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="add-course">{t('training.course')}</label>
          <select id="add-course" value={courseId} onChange={(e) => setCourseId(e.target.value)}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <label htmlFor="add-course-label">{t('training.fields.label')}</label>
          <input id="add-course-label" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('training.labelPlaceholder')} />
          <button type="submit" className="button button--small button--primary" disabled={already}>
            {already ? t('training.alreadyIn') : t('training.add')}
          </button>
          <p role="status" className="muted">
            {done ? t('training.added', { title: done }) : ''}
          </p>
        </form>
      )}
    </section>
  );
}
