import { Command } from 'commander';
import { registerCheckProof } from './commands/check-proof';
import { registerInit } from './commands/init';
import { registerProof } from './commands/proof';
import { registerPubkey } from './commands/pubkey';
import { registerVerify } from './commands/verify';
import { CliError } from './cli-error';

const program = new Command()
  .name('eter')
  .description('Retail tickets and loyalty points on a tamper-evident ledger')
  .version(require('../../../package.json').version as string)
  .showHelpAfterError();

registerInit(program);
registerVerify(program);
registerProof(program);
registerCheckProof(program);
registerPubkey(program);

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
