import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Course, ReplayRef } from '../../../shared/replay.js';
import './training.css';

const linkOf = (course: Course, ref: ReplayRef) => `/replay/${ref.kind}/${encodeURIComponent(ref.id)}?course=${encodeURIComponent(course.id)}`;

/** Where the replay sits in the course being followed, with the previous and next ones. */
export function CourseNav({ course, current }: { course: Course; current: ReplayRef }) {
  const { t } = useTranslation();
  const i = course.items.findIndex((item) => item.replay.kind === current.kind && item.replay.id === current.id);
  if (i < 0) return null;
  const prev = course.items[i - 1];
  const next = course.items[i + 1];
  return (
    <nav className="course-nav" aria-label={t('training.navLabel')}>
      <Link to="/training">{t('training.backToCourses')}</Link>
      <span>
        {t('training.position', { title: course.title, index: i + 1, count: course.items.length })}
        {course.items[i]!.label && <> — {course.items[i]!.label}</>}
      </span>
      {prev && (
        <Link className="button button--small" to={linkOf(course, prev.replay)}>
          {t('training.previous')}
        </Link>
      )}
      {next && (
        <Link className="button button--small" to={linkOf(course, next.replay)} data-testid="course-next">
          {t('training.next')}
        </Link>
      )}
    </nav>
  );
}
