import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc.ts';

/** Who is signed in (null when nobody), with their organisations and open invitations. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.account.me.queryOptions());
}

/** After signing in or out, everything cached belongs to someone else: start afresh. */
export function useResetSession() {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries();
}
