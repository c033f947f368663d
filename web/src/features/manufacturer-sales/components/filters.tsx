import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import { isDate } from '../../store-tickets/format';
import { compact, type DashboardSearch } from '../search';

type Draft = Record<'from' | 'to' | 'granularity' | 'storeId' | 'gtin' | 'groupBy', string>;

/** Days from `from` to `to`, both included. */
export function daysOf(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
}

/**
 * The dashboard's filters. They are applied by navigating: the URL is the
 * state, so Back, a bookmark and a shared link all show the same view.
 */
export function Filters({ search }: { search: DashboardSearch }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>({
    from: search.from,
    to: search.to,
    granularity: search.granularity,
    storeId: search.storeId ?? '',
    gtin: search.gtin ?? '',
    groupBy: search.groupBy ?? '',
  });
  const id = useId();
  const error =
    !isDate(draft.from) || !isDate(draft.to) || draft.from > draft.to
      ? t('mfr.filters.badRange')
      : draft.granularity === 'hour' && daysOf(draft.from, draft.to) > 31
        ? t('mfr.filters.hourRange')
        : undefined;
  const set = (key: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const field = (key: keyof Draft) => ({
    id: `${id}-${key}`,
    name: key,
    value: draft[key],
    onChange: set(key),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (error) return;
    const granularity: DashboardSearch['granularity'] =
      draft.granularity === 'hour' ? 'hour' : 'day';
    void navigate({
      to: '/manufacturer',
      search: compact({
        from: draft.from,
        to: draft.to,
        granularity,
        storeId: draft.storeId.trim() || undefined,
        gtin: draft.gtin.trim() || undefined,
        groupBy: (draft.groupBy || undefined) as DashboardSearch['groupBy'],
      }),
    });
  };

  const label = (key: keyof Draft) => (
    <label htmlFor={`${id}-${key}`}>{t(`mfr.filters.${key}`)}</label>
  );
  return (
    <form
      className="inline-form mfr-filters"
      onSubmit={submit}
      noValidate
      aria-label={t('mfr.filters.title')}
    >
      <span>
        {label('from')}
        <input
          type="date"
          {...field('from')}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </span>
      <span>
        {label('to')}
        <input type="date" {...field('to')} aria-describedby={error ? `${id}-error` : undefined} />
      </span>
      <span>
        {label('granularity')}
        <select {...field('granularity')}>
          <option value="day">{t('mfr.filters.byDay')}</option>
          <option value="hour">{t('mfr.filters.byHour')}</option>
        </select>
      </span>
      <span>
        {label('storeId')}
        <input
          type="text"
          autoComplete="off"
          placeholder={t('mfr.filters.all')}
          {...field('storeId')}
        />
      </span>
      <span>
        {label('gtin')}
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('mfr.filters.all')}
          {...field('gtin')}
        />
      </span>
      <span>
        {label('groupBy')}
        <select {...field('groupBy')}>
          <option value="">{t('mfr.filters.groupNone')}</option>
          <option value="store">{t('mfr.filters.groupStore')}</option>
          <option value="gtin">{t('mfr.filters.groupGtin')}</option>
          <option value="store,gtin">{t('mfr.filters.groupBoth')}</option>
        </select>
      </span>
      <button type="submit" disabled={error !== undefined}>
        {t('mfr.filters.apply')}
      </button>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
