import type { VerifyReport } from '../ledger/embedded';

/** The line `eter verify` prints for a report: sound, with the counts, or the first problem and where. */
export function verifyReportLine(report: VerifyReport, seconds: number): string {
  if (report.ok) {
    return (
      `ledger is sound: ${report.blocks} blocks, ${report.transactions} transactions, ` +
      `${report.stateKeys} state keys checked in ${seconds.toFixed(2)} s`
    );
  }
  const f = report.failure;
  const where = [
    f?.block !== undefined ? `block ${f.block}` : '',
    f?.txId !== undefined ? `tx ${f.txId}` : '',
    f?.key !== undefined ? `key ${JSON.stringify(f.key)}` : '',
  ].filter(Boolean);
  return `LEDGER IS NOT SOUND: ${f?.code}: ${f?.message}${where.length ? ` (${where.join(', ')})` : ''}`;
}
