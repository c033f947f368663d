import { CliError } from './cli-error';

/** Environment variable a password may be given in, for scripts. */
export const PASSWORD_ENV = 'ETER_PASSWORD';

/**
 * A password for a command: `ETER_PASSWORD` when set, else one line of
 * standard input; typed at a terminal, it is read without echo and asked
 * twice. Never a command-line flag: arguments show in `ps` and shell history.
 * @throws {CliError} when no password is given, the two typed ones differ, or the user presses Ctrl-C.
 */
export async function readPassword(): Promise<string> {
  const fromEnv = process.env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const stdin = process.stdin;
  let password: string;
  if (stdin.isTTY) {
    password = await readHidden('password: ');
    if ((await readHidden('again: ')) !== password) throw new CliError('the two passwords differ');
  } else {
    password = await readLine(stdin);
  }
  if (password === '')
    throw new CliError(`give the password in ${PASSWORD_ENV} or on standard input (one line)`);
  return password;
}

/** The first line of a piped stream, without its line ending. */
function readLine(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (line: string) => {
      stream.off('data', onData).off('end', onEnd).off('error', reject);
      stream.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) finish(text.slice(0, end));
    };
    const onEnd = () => finish(text);
    stream.setEncoding('utf8');
    stream.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** One line typed at the terminal, not echoed. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: CliError) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error === undefined) resolve(line);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliError('cancelled', 130));
        if (char === '\u007f' || char === '\b') line = [...line].slice(0, -1).join('');
        else line += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
