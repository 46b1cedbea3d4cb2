// Pages for the commission only: signed-out visitors are asked to sign in, other users told it is not for them.
// The server checks again on every procedure (adminProcedure); this only spares them a page of errors.
import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../lib/session.ts';
import { QueryState } from './query-state.tsx';
import { SignInPrompt } from './sign-in-prompt.tsx';

/** Children only for platform admins; everyone else learns why and what to do. */
export function AdminOnly({ next, children }: { next: string; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending || me.isError) return <QueryState query={me}>{null}</QueryState>;
  if (!me.data)
    return <SignInPrompt title={t('review.signInTitle')} body={t('review.signInBody')} action={t('review.signIn')} next={next} />;
  if (!me.data.isPlatformAdmin) return <Result status="403" title={t('review.forbiddenTitle')} subTitle={t('review.forbiddenBody')} />;
  return <>{children}</>;
}
