import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agent } from '../../../shared/model.js';
import type { Course } from '../../../shared/replay.js';
import { useAppDispatch } from '../../app/hooks.js';
import { removeCourse } from './trainingSlice.js';
import './training.css';

/** Every course, for trainers and admins: who follows it, what it holds. */
export function CourseList({ courses, agents }: { courses: readonly Course[]; agents: readonly Agent[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.displayName ?? id;
  return (
    <div className="courses">
      <div className="courses__head">
        <h1>{t('training.title')}</h1>
        <Link className="button button--primary" to="/training/new" data-testid="course-new">
          {t('training.new')}
        </Link>
      </div>
      <p className="muted">{t('training.intro')}</p>
      {courses.length === 0 ? (
        <p className="empty">{t('training.none')}</p>
      ) : (
        <ul className="courses__list" data-testid="course-list">
          {courses.map((c) => (
            <li key={c.id} className="course-card" data-course-id={c.id}>
              <h2 className="course-card__title">{c.title}</h2>
              {c.description && <p>{c.description}</p>}
              <p className="muted">
                {t('training.items', { count: c.items.length })} ·{' '}
                {c.traineeIds.length === 0 ? t('training.noTrainee') : t('training.assignedTo', { names: c.traineeIds.map(nameOf).join(', ') })}
              </p>
              <div className="course-card__actions">
                <Link className="button button--small" to={`/training/${encodeURIComponent(c.id)}`}>
                  {t('training.edit')}
                  <span className="sr-only"> : {c.title}</span>
                </Link>
                {c.items[0] && (
                  <Link className="button button--small" to={`/replay/${c.items[0].replay.kind}/${encodeURIComponent(c.items[0].replay.id)}?course=${encodeURIComponent(c.id)}`}>
                    {t('training.start')}
                    <span className="sr-only"> : {c.title}</span>
                  </Link>
                )}
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => {
                    if (window.confirm(t('training.confirmDelete', { title: c.title }))) void dispatch(removeCourse(c.id));
                  }}
                >
                  {t('training.delete')}
                  <span className="sr-only"> : {c.title}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
