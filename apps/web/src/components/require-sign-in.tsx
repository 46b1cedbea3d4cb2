// Layout routes that gate pages on the session, so pages need not check it themselves.
// The server authorises every procedure again; this only spares visitors a page of errors.
import { Navigate, Outlet, useLocation } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../lib/session.ts';
import { QueryState } from './query-state.tsx';
import { SignInPrompt } from './sign-in-prompt.tsx';

/** Message keys for what a signed-out visitor is told: a title, a body and the sign-in button's label. */
export type PromptKeys = { title: string; body: string; action: string };

const adminPrompt: PromptKeys = { title: 'review.signInTitle', body: 'review.signInBody', action: 'review.signIn' };

// Until account.me first answers, the loading or error state; a failed refetch later keeps the page (and any dialog
// open on it) with the last answer.

/** The roles a route can ask for; `platformAdmin` is the commission (`isPlatformAdmin` in `account.me`). */
export type Role = 'platformAdmin';

/**
 * The child routes for signed-in users only. A signed-out visitor is sent to the sign-in page, which comes back here,
 * or, given `prompt`, is told why to sign in with a button that does the same.
 */
export function RequireSignIn({ prompt }: { prompt?: PromptKeys }) {
  const me = useMe();
  const { pathname, search } = useLocation();
  if (me.data === undefined) return <QueryState query={me}>{null}</QueryState>;
  if (me.data) return <Outlet />;
  if (prompt) return <Prompt keys={prompt} />;
  return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />;
}

/** The child routes for users with `role` only: others are asked to sign in, or told the page is not for them. */
export function RequireRole({ role, prompt = adminPrompt }: { role: Role; prompt?: PromptKeys }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data === undefined) return <QueryState query={me}>{null}</QueryState>;
  if (!me.data) return <Prompt keys={prompt} />;
  const allowed = role === 'platformAdmin' && me.data.isPlatformAdmin;
  if (!allowed) return <Result status="403" title={t('review.forbiddenTitle')} subTitle={t('review.forbiddenBody')} />;
  return <Outlet />;
}

function Prompt({ keys }: { keys: PromptKeys }) {
  const { t } = useTranslation();
  return <SignInPrompt title={t(keys.title)} body={t(keys.body)} action={t(keys.action)} />;
}
