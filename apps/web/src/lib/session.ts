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

/** The signed-in user, on pages under the `RequireSignIn` or `RequireRole` layout route, which render them only then. */
export function useSignedInUser() {
  const me = useMe();
  if (!me.data) throw new Error('useSignedInUser is for pages under RequireSignIn');
  return me.data;
}
