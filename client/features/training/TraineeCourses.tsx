import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Course } from '../../../shared/replay.js';
import './training.css';

/** A trainee's courses: what to replay, in order. */
export function TraineeCourses({ courses }: { courses: readonly Course[] }) {
  const { t } = useTranslation();
  return (
    <div className="courses">
      <h1>{t('training.mine')}</h1>
      {courses.length === 0 ? (
        <p className="empty">{t('training.noneAssigned')}</p>
      ) : (
        <ul className="courses__list" data-testid="course-list">
          {courses.map((c) => (
            <li key={c.id} className="course-card" data-course-id={c.id}>
              <h2 className="course-card__title">{c.title}</h2>
              {c.description && <p>{c.description}</p>}
              <ol className="course-card__items">
                {c.items.map((item, i) => (
                  <li key={`${item.replay.kind}:${item.replay.id}`}>
                    <Link to={`/replay/${item.replay.kind}/${encodeURIComponent(item.replay.id)}?course=${encodeURIComponent(c.id)}`} data-testid="course-item-link">
                      {item.label || t('training.itemN', { index: i + 1 })}
                    </Link>{' '}
                    <span className="muted">({t(`replay.kind.${item.replay.kind}`)})</span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
