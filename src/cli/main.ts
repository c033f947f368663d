import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerCheckProof } from './commands/check-proof';
import { registerDemo } from './commands/demo';
import { registerFabric } from './commands/fabric';
import { registerImport } from './commands/import';
import { registerInit } from './commands/init';
import { registerKeys } from './commands/keys';
import { registerParticipants } from './commands/participants';
import { registerServe } from './commands/serve';
import { registerSimulate } from './commands/simulate';
import { registerProof } from './commands/proof';
import { registerRebuild } from './commands/rebuild';
import { registerSeed } from './commands/seed';
import { registerPubkey } from './commands/pubkey';
import { registerUsers } from './commands/users';
import { registerVerify } from './commands/verify';
import { CliError } from './cli-error';

const program = new Command()
  .name('eter')
  .description('Retail tickets and loyalty points on a tamper-evident ledger')
  .version(packageVersion())
  .showHelpAfterError();

registerInit(program);
registerDemo(program);
registerSeed(program);
registerVerify(program);
registerAudit(program);
registerBackup(program);
registerRebuild(program);
registerProof(program);
registerCheckProof(program);
registerPubkey(program);
registerServe(program);
registerKeys(program);
registerUsers(program);
registerParticipants(program);
registerSimulate(program);
registerImport(program);
registerFabric(program);

/** The version in package.json (two levels above dist/src/cli). */
function packageVersion(): string {
  const file = join(__dirname, '..', '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`eter: ${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(
    `eter: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
