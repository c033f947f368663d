import type { ContractClient } from '../client/contract-client';
import type { Identity } from '../ledger/gateway';
import type { TokenService } from './auth/tokens';
import type { UserStore } from './auth/user-store';
import type { ServerConfig } from './config';
import type { QueryContext } from './query-context';
import type { DemoLogins } from './routes/auth/session-routes';
import type { TerminalKeyStore } from './terminal-keys';

/** What the server is built from: it reaches the ledger only through the client's gateway. */
export interface ServerDependencies {
  readonly config: ServerConfig;
  readonly client: ContractClient;
  readonly keys: TerminalKeyStore;
  /** People's logins (off the ledger, in the access database). */
  readonly users: UserStore;
  /** Issues and checks people's login tokens. */
  readonly tokens: TokenService;
  /** Ledger identities the server acts as. */
  readonly identities: { readonly collector: Identity };
  /** The read side: needed when the role serves queries (`query` or `all`). */
  readonly query?: QueryContext;
  /** The demo's logins, offered on the web app's login page (`eter demo` only). */
  readonly demo?: DemoLogins;
}
