import type { BlockHeader } from '@verifier';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatCount, formatDateTime } from '../../../lib/money';

/** A signed block header's fields, as the node signed them (shown only once verified). */
export function HeadFields({ head }: { head: BlockHeader }) {
  const { t, locale } = useI18n();
  return (
    <dl className="head-fields">
      <dt>{t('audit.head.block')}</dt>
      <dd>{head.number}</dd>
      <dt>{t('audit.head.time')}</dt>
      <dd>{formatDateTime(head.timestamp, locale)}</dd>
      <dt>{t('audit.head.txCount')}</dt>
      <dd>{formatCount(head.txCount, locale)}</dd>
      <dt>{t('audit.head.logSize')}</dt>
      <dd>{formatCount(head.logSize, locale)}</dd>
      <dt>{t('audit.head.logRoot')}</dt>
      <dd>
        <code className="hash">{head.logRoot}</code>
      </dd>
      <dt>{t('audit.head.previous')}</dt>
      <dd>
        <code className="hash">{head.previousHash}</code>
      </dd>
      <dt>{t('audit.head.ledger')}</dt>
      <dd>
        <code>{head.ledgerId}</code>
      </dd>
    </dl>
  );
}

/**
 * A hash cut short for tables, both ends kept (transaction ids of one second share their start);
 * the whole one is in the link's label and the proof.
 */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}
