import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { manufacturerSalesQuery } from '../features/manufacturer-sales/api/get-manufacturer-sales';
import { sessionQuery } from '../lib/auth';
import { HomePage } from './routes/home';
import { LoginPage, validateLoginSearch } from './routes/login';
import { NotFoundPage } from './routes/not-found';
import { RootLayout } from './routes/root';
import { WalletPage } from './routes/wallet';
// The dashboard's search validation; its pages, like every view but the
// login, home and wallet, are chunks loaded on first visit.
import {
  validateDashboardSearch,
  validateLinesSearch,
} from '../features/manufacturer-sales/search';

interface RouterContext {
  readonly queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  component: function Login() {
    return <LoginPage search={loginRoute.useSearch()} />;
  },
});

/** Pages that need a session: without one, the login, then back here. */
const sessionRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'session',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session === null) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { session };
  },
  component: Outlet,
});

const homeRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/',
  component: HomePage,
});

const walletRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/wallet',
  component: WalletPage,
});

// The customer's views (issue 20 §2): transfer, grants, explain, a receipt, a movement's proof.
const walletTransferRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/wallet/transfer',
  component: lazyRouteComponent(() => import('./routes/wallet-transfer'), 'WalletTransferPage'),
});
const walletGrantsRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/wallet/grants',
  component: lazyRouteComponent(() => import('./routes/wallet-grants'), 'WalletGrantsPage'),
});
const walletExplainRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/wallet/explain',
  component: lazyRouteComponent(() => import('./routes/wallet-explain'), 'WalletExplainPage'),
});
const walletTicketRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/wallet/tickets/$storeId/$ticketId',
  component: lazyRouteComponent(() => import('./routes/wallet-ticket'), 'WalletTicketRoute'),
});
const walletProofRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/wallet/proof/$txId',
  component: lazyRouteComponent(() => import('./routes/wallet-proof'), 'WalletProofRoute'),
});
const customerRoutes = [
  walletTransferRoute,
  walletGrantsRoute,
  walletExplainRoute,
  walletTicketRoute,
  walletProofRoute,
];

// --- Store, retailer and operator views (issue 20 §2) ---
const storeRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/stores/$storeId',
  component: lazyRouteComponent(() => import('./routes/sales-scope'), 'StoreSalesRoute'),
});

const retailerRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/retailers/$retailerId',
  component: lazyRouteComponent(() => import('./routes/sales-scope'), 'RetailerSalesRoute'),
});

const storeTicketRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/stores/$storeId/tickets/$ticketId',
  component: lazyRouteComponent(() => import('./routes/store-ticket'), 'StoreTicketRoute'),
});

const participantsRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/participants',
  component: lazyRouteComponent(() => import('./routes/participants'), 'ParticipantsPage'),
});

const storeOperatorRoutes = [storeRoute, retailerRoute, storeTicketRoute, participantsRoute];
// --- end of store, retailer and operator views ---

// --- The manufacturer's sales dashboard (issue 21 §1) ---
// Every filter is in the URL. The pages are separate chunks, so that uPlot
// (the dashboard's charts) is never part of the login or wallet bundle.
const manufacturerRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/manufacturer',
  validateSearch: validateDashboardSearch,
  loaderDeps: ({ search }) => search,
  // The first chart's figures are asked for while the page's chunk loads,
  // not after it: the request no longer waits for uPlot to arrive.
  loader: ({ context, deps }) => {
    const person = context.session.person;
    if (person.role !== 'manufacturer' || person.subjectId === null) return;
    const { from, to, storeId, gtin, granularity } = deps;
    void context.queryClient.prefetchQuery(
      manufacturerSalesQuery(person.subjectId, { from, to, storeId, gtin, granularity }),
    );
  },
  component: lazyRouteComponent(() => import('./routes/manufacturer'), 'ManufacturerRoute'),
});
const manufacturerLinesRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/manufacturer/lines',
  validateSearch: validateLinesSearch,
  component: lazyRouteComponent(
    () => import('./routes/manufacturer-lines'),
    'ManufacturerLinesRoute',
  ),
});
const manufacturerRoutes = [manufacturerRoute, manufacturerLinesRoute];
// --- end of the manufacturer's sales dashboard ---
// --- The auditor's explorer (issue 21 §2) ---
// Loaded on first visit: the pages, the verifier and noble are chunks no other login fetches.
/** A block number from the URL, or none: anything else is ignored rather than refused. */
const blockParam = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

const auditorRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/auditor',
  component: lazyRouteComponent(() => import('./routes/auditor'), 'AuditorPage'),
});
const auditorHeadsRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/auditor/heads',
  validateSearch: (search): { last?: number } => ({ last: blockParam(search.last) }),
  component: lazyRouteComponent(() => import('./routes/auditor-heads'), 'AuditorHeadsRoute'),
});
const auditorBlocksRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/auditor/blocks',
  validateSearch: (search): { from?: number } => ({ from: blockParam(search.from) }),
  component: lazyRouteComponent(() => import('./routes/auditor-blocks'), 'AuditorBlocksRoute'),
});
const auditorTransactionRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/auditor/transactions/$txId',
  component: lazyRouteComponent(
    () => import('./routes/auditor-transaction'),
    'AuditorTransactionRoute',
  ),
});
const auditorConsistencyRoute = createRoute({
  getParentRoute: () => sessionRoute,
  path: '/auditor/consistency',
  validateSearch: (search): { from?: number; to?: number } => ({
    from: blockParam(search.from),
    to: blockParam(search.to),
  }),
  component: lazyRouteComponent(
    () => import('./routes/auditor-consistency'),
    'AuditorConsistencyRoute',
  ),
});
const auditorRoutes = [
  auditorRoute,
  auditorHeadsRoute,
  auditorBlocksRoute,
  auditorTransactionRoute,
  auditorConsistencyRoute,
];
// --- end of the auditor's explorer ---

const routeTree = rootRoute.addChildren([
  loginRoute,
  sessionRoute.addChildren([
    homeRoute,
    walletRoute,
    ...customerRoutes,
    ...storeOperatorRoutes,
    ...manufacturerRoutes,
    ...auditorRoutes,
  ]),
]);

export function newRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof newRouter>;
  }
}
