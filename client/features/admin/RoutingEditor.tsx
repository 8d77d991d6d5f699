import { IDENTITY_LEVELS, type IdentityLevel } from '../../../shared/identity-levels.js';
import '../../ui/pages.css';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../shared/constants.js';
import { errorText } from '../../ui/errorText.js';
import { getRoutingSetup, putRoutingSetup } from './adminApi.js';

// The routing setup as forms: queues (rules, service levels, assignment) and opening-hours
// calendars, saved whole through the same validation as ROUTING_FILE. The JSON it edits is the
// file's: it can be downloaded and kept in version control.

interface Interval {
  start: string;
  end: string;
}
interface Calendar {
  id: string;
  timeZone?: string;
  week: Partial<Record<string, Interval[]>>;
  frenchHolidays?: boolean;
  closures?: { from: string; to: string; reason?: string }[];
  [key: string]: unknown;
}
interface Level {
  firstResponseMinutes?: number;
  resolutionMinutes?: number;
}
interface SetupQueue {
  id: string;
  name: string;
  description?: string;
  keywords: string[];
  isDefault: boolean;
  calendarId?: string;
  requiredSkill?: string;
  requiredLevel?: IdentityLevel;
  assignment?: { strategy: 'least-busy' | 'round-robin'; offerTimeoutSec: number };
  serviceLevels?: Record<string, Level>;
  [key: string]: unknown;
}
interface Setup {
  calendars: Calendar[];
  queues: SetupQueue[];
  agents: unknown[];
}

const DAYS = ['1', '2', '3', '4', '5', '6', '0'];
const LEVEL_KEYS = ['default', ...CHANNELS];

function intervalsText(list: readonly Interval[] | undefined): string {
  return (list ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
}
function parseIntervals(text: string): Interval[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split('-').map((s) => s.trim());
      return { start, end };
    });
}
function slug(name: string): string {
  return name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
}
function numberOrUndefined(v: string): number | undefined {
  const n = Number(v);
  return v.trim() === '' || !Number.isFinite(n) || n <= 0 ? undefined : Math.round(n);
}

export function RoutingEditor({ canEditEverything }: { canEditEverything: boolean }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [json, setJson] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const current = await getRoutingSetup();
      setSetup(current.setup as Setup);
      setVersion(current.version);
    } catch (err) {
      setStatus({ ok: false, text: errorText(t, err) });
    }
  }, [t]);
  useEffect(() => void load(), [load]);

  const save = async (next: Setup) => {
    setSaving(true);
    try {
      const saved = await putRoutingSetup(next, version);
      setVersion(saved.version);
      setStatus({ ok: true, text: t('admin.routing.saved', { version: saved.version?.replace(/"/g, '') ?? '' }) });
      await load();
    } catch (err) {
      setStatus({ ok: false, text: errorText(t, err, true) });
    } finally {
      setSaving(false);
    }
  };

  if (!setup) return <p role={status ? 'alert' : 'status'}>{status?.text ?? t('common.loading')}</p>;
  const queue = (i: number, patch: Partial<SetupQueue>) => setSetup({ ...setup, queues: setup.queues.map((q, n) => (n === i ? { ...q, ...patch } : q)) });
  const calendar = (i: number, patch: Partial<Calendar>) => setSetup({ ...setup, calendars: setup.calendars.map((c, n) => (n === i ? { ...c, ...patch } : c)) });

  return (
    <section aria-labelledby="routing-title" className="admin-section">
      <h2 id="routing-title">{t('admin.routing.title')}</h2>
      <p className="muted">{t('admin.routing.help')}</p>
      <p role={status?.ok === false ? 'alert' : 'status'} className={status ? (status.ok ? 'notice' : 'form-error') : 'form-error form-error--empty'} data-testid="routing-status">
        {status?.text}
      </p>
      <div className="admin-form__actions">
        <button type="button" className="button button--primary" disabled={saving} aria-busy={saving || undefined} onClick={() => void save(setup)} data-testid="routing-save">
          {t('admin.routing.save')}
        </button>
        <button type="button" className="button" onClick={() => void load()}>
          {t('admin.routing.reload')}
        </button>
        <a className="button" download="routing.json" href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(setup, null, 2))}`}>
          {t('admin.routing.download')}
        </a>
        <button type="button" className="button" aria-expanded={json !== null} onClick={() => setJson(json === null ? JSON.stringify(setup, null, 2) : null)}>
          {t('admin.routing.json')}
        </button>
      </div>
      {json !== null && (
        <JsonBox
          value={json}
          onChange={setJson}
          onApply={() => {
            try {
              setSetup(JSON.parse(json) as Setup);
              setJson(null);
            } catch {
              setStatus({ ok: false, text: t('admin.routing.badJson') });
            }
          }}
        />
      )}

      <h3>{t('admin.routing.queues')}</h3>
      {setup.queues.map((q, i) => (
        <QueueCard key={q.id} queue={q} calendars={setup.calendars} onChange={(patch) => queue(i, patch)} onDefault={() => setSetup({ ...setup, queues: setup.queues.map((x, n) => ({ ...x, isDefault: n === i })) })} />
      ))}
      {canEditEverything && (
        <NewQueue
          onAdd={(name) => {
            const id = `que_${slug(name) || 'file'}`;
            if (setup.queues.some((q) => q.id === id)) return;
            setSetup({ ...setup, queues: [...setup.queues, { id, name, keywords: [], isDefault: false }] });
          }}
        />
      )}

      <h3>{t('admin.routing.calendars')}</h3>
      {setup.calendars.length === 0 && <p className="muted">{t('admin.routing.noCalendar')}</p>}
      {setup.calendars.map((c, i) => (
        <CalendarCard key={c.id} calendar={c} disabled={!canEditEverything} onChange={(patch) => calendar(i, patch)} />
      ))}
      {canEditEverything && (
        <button
          type="button"
          className="button"
          onClick={() =>
            setSetup({
              ...setup,
              calendars: [...setup.calendars, { id: `horaires_${setup.calendars.length + 1}`, week: { '1': [{ start: '09:00', end: '17:00' }] }, frenchHolidays: true, closures: [] }],
            })
          }
        >
          {t('admin.routing.addCalendar')}
        </button>
      )}
    </section>
  );
}

function JsonBox({ value, onChange, onApply }: { value: string; onChange: (v: string) => void; onApply: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="panel">
      <label htmlFor={id}>{t('admin.routing.jsonLabel')}</label>
      <textarea id={id} className="json-box" rows={16} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      <button type="button" className="button" onClick={onApply}>
        {t('admin.routing.applyJson')}
      </button>
    </div>
  );
}

function NewQueue({ onAdd }: { onAdd: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{t('admin.routing.newQueue')}</label>
      <input id={id} value={name} onChange={(e) => setName(e.target.value)} />
      <button
        type="button"
        className="button"
        disabled={!name.trim()}
        onClick={() => {
          onAdd(name.trim());
          setName('');
        }}
      >
        {t('admin.routing.addQueue')}
      </button>
    </div>
  );
}

function QueueCard({ queue: q, calendars, onChange, onDefault }: { queue: SetupQueue; calendars: readonly Calendar[]; onChange: (patch: Partial<SetupQueue>) => void; onDefault: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const level = (key: string, field: keyof Level, value: string) => {
    const levels = { ...(q.serviceLevels ?? {}) };
    const next: Level = { ...(levels[key] ?? {}), [field]: numberOrUndefined(value) };
    if (next.firstResponseMinutes === undefined && next.resolutionMinutes === undefined) delete levels[key];
    else levels[key] = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as Level;
    onChange({ serviceLevels: Object.keys(levels).length ? levels : undefined });
  };
  return (
    <fieldset className="panel queue-card" data-queue={q.id}>
      <legend>{q.name}</legend>
      <div className="admin-form__row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.routing.queueName')}</label>
          <input id={`${id}-name`} value={q.name} onChange={(e) => onChange({ name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-keywords`}>{t('admin.routing.keywords')}</label>
          <input id={`${id}-keywords`} value={q.keywords.join(', ')} onChange={(e) => onChange({ keywords: e.target.value.split(',').map((k) => k.trim()).filter(Boolean) })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-calendar`}>{t('admin.routing.calendar')}</label>
          <select id={`${id}-calendar`} value={q.calendarId ?? ''} onChange={(e) => onChange({ calendarId: e.target.value || undefined })}>
            <option value="">{t('admin.routing.everyMinute')}</option>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-skill`}>{t('admin.routing.requiredSkill')}</label>
          <input id={`${id}-skill`} value={q.requiredSkill ?? ''} onChange={(e) => onChange({ requiredSkill: e.target.value.trim() || undefined })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{t('admin.routing.requiredLevel')}</label>
          <select id={`${id}-level`} aria-describedby={`${id}-level-hint`} value={q.requiredLevel ?? ''} onChange={(e) => onChange({ requiredLevel: (e.target.value || undefined) as IdentityLevel | undefined })}>
            <option value="">{t('admin.routing.anyLevel')}</option>
            {IDENTITY_LEVELS.filter((l) => l !== 'unverified').map((l) => (
              <option key={l} value={l}>
                {t(`identity.level.${l}`)}
              </option>
            ))}
          </select>
          <p id={`${id}-level-hint`} className="muted">
            {t('admin.routing.requiredLevelHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignment`}>{t('admin.routing.assignment')}</label>
          <select
            id={`${id}-assignment`}
            value={q.assignment?.strategy ?? ''}
            onChange={(e) => onChange({ assignment: e.target.value ? { strategy: e.target.value as 'least-busy' | 'round-robin', offerTimeoutSec: q.assignment?.offerTimeoutSec ?? 30 } : undefined })}
          >
            <option value="">{t('admin.routing.manual')}</option>
            <option value="least-busy">{t('admin.routing.leastBusy')}</option>
            <option value="round-robin">{t('admin.routing.roundRobin')}</option>
          </select>
        </div>
        <label className="field field--inline">
          <input type="radio" name="default-queue" checked={q.isDefault} onChange={onDefault} /> {t('admin.routing.isDefault')}
        </label>
      </div>
      <table className="board-table levels-table">
        <caption>{t('admin.routing.levels')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.routing.channel')}</th>
            <th scope="col">{t('admin.routing.firstResponse')}</th>
            <th scope="col">{t('admin.routing.resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {LEVEL_KEYS.map((key) => (
            <tr key={key}>
              <th scope="row">{key === 'default' ? t('admin.routing.otherChannels') : t(`channel.${key}`)}</th>
              {(['firstResponseMinutes', 'resolutionMinutes'] as const).map((field) => (
                <td key={field}>
                  <input
                    type="number"
                    min={1}
                    aria-label={`${key === 'default' ? t('admin.routing.otherChannels') : t(`channel.${key}`)} — ${field === 'firstResponseMinutes' ? t('admin.routing.firstResponse') : t('admin.routing.resolution')}`}
                    data-testid={`level-${q.id}-${key}-${field}`}
                    value={q.serviceLevels?.[key]?.[field] ?? ''}
                    onChange={(e) => level(key, field, e.target.value)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

function CalendarCard({ calendar: c, disabled, onChange }: { calendar: Calendar; disabled: boolean; onChange: (patch: Partial<Calendar>) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="panel calendar-card" disabled={disabled}>
      <legend>{c.id}</legend>
      <div className="admin-form__row">
        {DAYS.map((d) => (
          <div className="field" key={d}>
            <label htmlFor={`${id}-${d}`}>{t(`admin.routing.day.${d}`)}</label>
            <input id={`${id}-${d}`} placeholder={t('admin.routing.closed')} defaultValue={intervalsText(c.week[d])} onBlur={(e) => onChange({ week: { ...c.week, [d]: parseIntervals(e.target.value) } })} />
          </div>
        ))}
      </div>
      <label className="field field--inline">
        <input type="checkbox" checked={c.frenchHolidays !== false} onChange={(e) => onChange({ frenchHolidays: e.target.checked })} /> {t('admin.routing.frenchHolidays')}
      </label>
      <p className="muted">{t('admin.routing.intervalsHelp')}</p>
    </fieldset>
  );
}
