import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import type { AppRouter, RouterOutputs as Outputs } from '@ronghe/api/root';
import { currentLanguage } from '../i18n/index.ts';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** What each procedure returns, for typing components that receive query data. */
export type RouterOutputs = Outputs;

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
  });
}

/** Calls one request may batch: the server refuses larger batches (apps/api/src/app.ts MAX_BATCH). */
const MAX_BATCH = 10;

export function makeTrpcClient() {
  // The server answers errors in this language.
  const headers = () => ({ 'x-ronghe-lang': currentLanguage() });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // account actions that check a secret must come alone (the server refuses them in a batch): a batch of one,
        // through the batch link again (httpLink would add to the first page's JavaScript)
        condition: (op) => op.type === 'mutation' && op.path.startsWith('account.'),
        true: httpBatchLink({ url: '/trpc', transformer: superjson, headers, maxItems: 1 }),
        false: httpBatchLink({ url: '/trpc', transformer: superjson, headers, maxItems: MAX_BATCH }),
      }),
    ],
  });
}
