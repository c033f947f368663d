import type { Command } from 'commander';
import { join } from 'node:path';
import { auditPointsInStore, type PointsAuditReport } from '../../audit';
import { LEDGER_FILE, LedgerStore } from '../../ledger/embedded';
import { dataOption, existingLedgerDir } from '../data-dir';

interface AuditOptions {
  data: string;
  json?: boolean;
}

/** `eter audit points`: checks the points economy from the ledger; exit 0 when it holds, 1 when not. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('audit the ledger');
  audit
    .command('points')
    .description(
      'check issued − burned − expired − reversed = Σ balances after every block, and against world state',
    )
    .option(...dataOption)
    .option('--json', 'print the report as JSON')
    .action(async (options: AuditOptions) => {
      const dir = existingLedgerDir(options.data);
      // Read-only: the audit runs beside a live server without disturbing it.
      const store = new LedgerStore(join(dir, LEDGER_FILE), { readonly: true });
      let report: PointsAuditReport;
      try {
        report = await auditPointsInStore(store);
      } finally {
        store.close();
      }
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describe(report));
      if (!report.ok) process.exitCode = 1;
    });
}

function describe(report: PointsAuditReport): string {
  const f = report.figures;
  const n = (value: number) => value.toLocaleString('en-US').padStart(14);
  const lines = [
    `points audit: ${report.ok ? 'holds' : `FAILS (${report.problemCount} problems)`}`,
    `  ${report.blocks.toLocaleString('en-US')} blocks, ${report.transactions.toLocaleString('en-US')} ticket and points transactions, ${report.movements.toLocaleString('en-US')} movements`,
    `  issued      ${n(f.issued)}`,
    `  burned    − ${n(f.burned)}`,
    `  expired   − ${n(f.expired)}`,
    `  reversed  − ${n(f.reversed)}`,
    `  = Σ balances${n(f.outstanding)}  (${f.holders.toLocaleString('en-US')} customers; world state ${report.stateCompared ? 'agrees' : 'not compared'})`,
    `  transferred ${n(f.transferred)}  (between customers: nets to zero)`,
    `  written off ${n(f.writtenOff)}  (due from returns, already spent)`,
  ];
  for (const p of report.problems) {
    const where = [`block ${p.blockNumber}`, p.transactionId, p.customerId].filter(Boolean);
    lines.push(`  ✗ ${where.join(', ')}: ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}
