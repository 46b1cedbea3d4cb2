import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
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

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        transformer: superjson,
        // The server answers errors in this language.
        headers: () => ({ 'x-ronghe-lang': currentLanguage() }),
      }),
    ],
  });
}
