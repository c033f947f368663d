import type { ReactNode } from 'react';
import { Loading, LoadError } from '../../../components/states';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/messages';
import { formatCount, formatDateTime } from '../../../lib/money';
import { useParticipants, type Participant, type ParticipantKind } from '../api/participants';
import { StatusButton } from './status-button';

/** A column a kind shows between the id and the registration date. */
interface Column {
  readonly header: MessageKey;
  readonly numeric?: boolean;
  readonly cell: (participant: Participant, locale: string) => ReactNode;
}

const STORE_COLUMNS: readonly Column[] = [
  { header: 'participants.col.name', cell: (p) => p.name },
  { header: 'participants.col.msp', cell: (p) => String(p.record.mspId ?? '') },
  {
    header: 'participants.col.rate',
    numeric: true,
    cell: (p, locale) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
        Number(p.record.pointsRateBp ?? 0) / 10_000,
      ),
  },
];

const MANUFACTURER_COLUMNS: readonly Column[] = [
  { header: 'participants.col.name', cell: (p) => p.name },
  {
    header: 'participants.col.prefixes',
    cell: (p) =>
      (Array.isArray(p.record.prefixes) ? (p.record.prefixes as string[]) : []).join(', '),
  },
];

function Status({ participant }: { participant: Participant }) {
  const { t } = useI18n();
  return (
    <span className={`status status-${participant.status}`}>
      {participant.status === 'suspended'
        ? t('participants.status.suspended')
        : t('participants.status.active')}
    </span>
  );
}

/** One table of participants of a kind: id, the kind's columns, registration, status and its button. */
function ParticipantTable(props: {
  kind: ParticipantKind;
  rows: readonly Participant[];
  columns: readonly Column[];
  caption?: string;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <table data-testid={props.testId}>
      {props.caption === undefined ? null : <caption>{props.caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('participants.col.id')}</th>
          {props.columns.map((c) => (
            <th key={c.header} scope="col" className={c.numeric === true ? 'number' : undefined}>
              {t(c.header)}
            </th>
          ))}
          <th scope="col">{t('participants.col.registered')}</th>
          <th scope="col">{t('participants.col.status')}</th>
          <th scope="col">{t('participants.col.action')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((p) => (
          <tr key={p.id} data-testid={`participant-${p.id}`}>
            <th scope="row">{p.id}</th>
            {props.columns.map((c) => (
              <td key={c.header} className={c.numeric === true ? 'number' : undefined}>
                {c.cell(p, locale)}
              </td>
            ))}
            <td>{formatDateTime(p.registeredAt, locale)}</td>
            <td>
              <Status participant={p} />
            </td>
            <td>
              <StatusButton kind={props.kind} participant={p} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A kind's list, every page loaded so far, with a button for the next; `children` lays it out. */
function ParticipantList(props: {
  kind: ParticipantKind;
  children: (all: Participant[]) => ReactNode;
}) {
  const { t } = useI18n();
  const list = useParticipants(props.kind);
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  const all = list.data.pages.flatMap((p) => p.participants);
  if (all.length === 0) return <p className="state">{t('participants.empty')}</p>;
  return (
    <>
      {props.children(all)}
      {list.hasNextPage ? (
        <button
          type="button"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('participants.more')}
        </button>
      ) : null}
    </>
  );
}

/** Stores grouped by their retailer (there is no list of retailers: they are the stores' `retailerId`). */
export function StoreList() {
  const { t, locale } = useI18n();
  return (
    <ParticipantList kind="stores">
      {(all) => {
        const byRetailer = new Map<string, Participant[]>();
        for (const store of all) {
          const retailer = String(store.record.retailerId ?? store.id);
          byRetailer.set(retailer, [...(byRetailer.get(retailer) ?? []), store]);
        }
        return [...byRetailer.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([retailer, stores]) => (
            <ParticipantTable
              key={retailer}
              kind="stores"
              rows={stores}
              columns={STORE_COLUMNS}
              testId={`retailer-${retailer}`}
              caption={t(
                new Intl.PluralRules(locale).select(stores.length) === 'one'
                  ? 'participants.retailer.one'
                  : 'participants.retailer.other',
                { id: retailer, count: formatCount(stores.length, locale) },
              )}
            />
          ));
      }}
    </ParticipantList>
  );
}

export function ManufacturerList() {
  return (
    <ParticipantList kind="manufacturers">
      {(all) => <ParticipantTable kind="manufacturers" rows={all} columns={MANUFACTURER_COLUMNS} />}
    </ParticipantList>
  );
}

export function CustomerList() {
  return (
    <ParticipantList kind="customers">
      {(all) => <ParticipantTable kind="customers" rows={all} columns={[]} />}
    </ParticipantList>
  );
}
