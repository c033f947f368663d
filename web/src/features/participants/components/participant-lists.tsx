import { Loading, LoadError } from '../../../components/states';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatCount, formatDateTime } from '../../../lib/money';
import { useParticipants, type Participant, type ParticipantKind } from '../api/participants';
import { StatusButton } from './status-button';

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

/** A kind's list, every page loaded so far, with a button for the next. */
function useAll(kind: ParticipantKind) {
  const list = useParticipants(kind);
  const all = list.data?.pages.flatMap((p) => p.participants) ?? [];
  return { list, all };
}

function More({ kind }: { kind: ParticipantKind }) {
  const { t } = useI18n();
  const { list } = useAll(kind);
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      disabled={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
    >
      {t('participants.more')}
    </button>
  );
}

/** Stores grouped by their retailer (there is no list of retailers: they are the stores' `retailerId`). */
export function StoreList() {
  const { t, locale } = useI18n();
  const { list, all } = useAll('stores');
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  if (all.length === 0) return <p className="state">{t('participants.empty')}</p>;
  const byRetailer = new Map<string, Participant[]>();
  for (const store of all) {
    const retailer = String(store.record.retailerId ?? store.id);
    byRetailer.set(retailer, [...(byRetailer.get(retailer) ?? []), store]);
  }
  return (
    <>
      {[...byRetailer.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([retailer, stores]) => (
          <table key={retailer} data-testid={`retailer-${retailer}`}>
            <caption>
              {t(
                new Intl.PluralRules(locale).select(stores.length) === 'one'
                  ? 'participants.retailer.one'
                  : 'participants.retailer.other',
                { id: retailer, count: formatCount(stores.length, locale) },
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.col.id')}</th>
                <th scope="col">{t('participants.col.name')}</th>
                <th scope="col">{t('participants.col.msp')}</th>
                <th scope="col" className="number">
                  {t('participants.col.rate')}
                </th>
                <th scope="col">{t('participants.col.registered')}</th>
                <th scope="col">{t('participants.col.status')}</th>
                <th scope="col">{t('participants.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {stores.map((store) => (
                <tr key={store.id} data-testid={`participant-${store.id}`}>
                  <th scope="row">{store.id}</th>
                  <td>{store.name}</td>
                  <td>{String(store.record.mspId ?? '')}</td>
                  <td className="number">
                    {new Intl.NumberFormat(locale, {
                      style: 'percent',
                      maximumFractionDigits: 2,
                    }).format(Number(store.record.pointsRateBp ?? 0) / 10_000)}
                  </td>
                  <td>{formatDateTime(store.registeredAt, locale)}</td>
                  <td>
                    <Status participant={store} />
                  </td>
                  <td>
                    <StatusButton kind="stores" participant={store} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <More kind="stores" />
    </>
  );
}

export function ManufacturerList() {
  const { t, locale } = useI18n();
  const { list, all } = useAll('manufacturers');
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  if (all.length === 0) return <p className="state">{t('participants.empty')}</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('participants.col.id')}</th>
            <th scope="col">{t('participants.col.name')}</th>
            <th scope="col">{t('participants.col.prefixes')}</th>
            <th scope="col">{t('participants.col.registered')}</th>
            <th scope="col">{t('participants.col.status')}</th>
            <th scope="col">{t('participants.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((m) => (
            <tr key={m.id} data-testid={`participant-${m.id}`}>
              <th scope="row">{m.id}</th>
              <td>{m.name}</td>
              <td>
                {(Array.isArray(m.record.prefixes) ? (m.record.prefixes as string[]) : []).join(
                  ', ',
                )}
              </td>
              <td>{formatDateTime(m.registeredAt, locale)}</td>
              <td>
                <Status participant={m} />
              </td>
              <td>
                <StatusButton kind="manufacturers" participant={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More kind="manufacturers" />
    </>
  );
}

export function CustomerList() {
  const { t, locale } = useI18n();
  const { list, all } = useAll('customers');
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  if (all.length === 0) return <p className="state">{t('participants.empty')}</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('participants.col.id')}</th>
            <th scope="col">{t('participants.col.registered')}</th>
            <th scope="col">{t('participants.col.status')}</th>
            <th scope="col">{t('participants.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((c) => (
            <tr key={c.id} data-testid={`participant-${c.id}`}>
              <th scope="row">{c.id}</th>
              <td>{formatDateTime(c.registeredAt, locale)}</td>
              <td>
                <Status participant={c} />
              </td>
              <td>
                <StatusButton kind="customers" participant={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More kind="customers" />
    </>
  );
}
