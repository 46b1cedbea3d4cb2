import { useEffect, useState, lazy, Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Grid, Layout } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, loadFeatureMessages, setLanguage } from '../i18n/index.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useMe, useResetSession } from '../lib/session.ts';
import { messageOf } from '../lib/errors.ts';

// The bell (Badge, Popover, polling) loads after the first screen, to keep the home page small.
// the bell reads the features' messages too, so it waits for them like a page
const NotificationBell = lazy(async () => {
  const [m] = await Promise.all([import('../components/notification-bell.tsx'), loadFeatureMessages()]);
  return { default: m.NotificationBell };
});
// the drawer (narrow screens) and the user's menu (signed in) are not on an anonymous visitor's first screen
const NavDrawer = lazy(() => import('./nav-drawer.tsx'));
// asked only of someone who agreed to an older privacy notice (or none)
const PrivacyPrompt = lazy(async () => (await Promise.all([import('../components/privacy-prompt.tsx'), loadFeatureMessages()]))[0]);
const UserMenu = lazy(() => import('./user-menu.tsx'));
const WideMenu = lazy(() => import('./wide-menu.tsx'));

const { Header, Content, Footer } = Layout;

const sections = [
  { path: '/', key: 'home' },
  { path: '/enterprises', key: 'enterprises' },
  { path: '/schools', key: 'schools' },
  { path: '/partners', key: 'partners' },
  { path: '/consortia', key: 'consortia' },
  { path: '/bases', key: 'bases' },
  { path: '/needs', key: 'needs' },
  { path: '/cooperation', key: 'cooperation' },
  { path: '/rounds', key: 'rounds' },
  { path: '/admin', key: 'admin' },
] as const;

// platform administrators only; on wide screens they sit under 管理端, in the drawer they are listed
const adminPages = [
  { path: '/admin/monitoring', label: 'monitoring.navDashboard' },
  { path: '/admin/tasks', label: 'monitoring.navTasks' },
  { path: '/admin/supply-demand', label: 'monitoring.navSupplyDemand' },
  { path: '/admin/matrix', label: 'monitoring.navMatrix' },
  { path: '/admin/verification', label: 'account.navVerification' },
  { path: '/admin/audit', label: 'account.navAudit' },
  { path: '/admin/outbox', label: 'outbox.nav' },
] as const;

/** The longest navigation path that the current page lives under. */
function activePath(pathname: string, paths: readonly string[]): string {
  if (pathname === '/') return '/';
  const matches = paths.filter((p) => p !== '/' && (pathname === p || pathname.startsWith(`${p}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? '';
}

export function AppShell() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const compact = !screens.md;
  // the English platform name is long: below 1600 px it would push the menu into an overflow "…"
  const showFullName = currentLanguage() === 'en' ? Boolean(screens.xxl) : Boolean(screens.lg);
  const me = useMe();
  const trpc = useTRPC();
  const user = me.data ?? null;
  const isAdmin = user?.isPlatformAdmin ?? false;
  const signOut = useSignOut();
  // a signed-in user's menu names pages from the features' messages (管理端's monitoring pages): load them now
  useEffect(() => {
    if (user) void loadFeatureMessages();
  }, [user]);

  const close = () => setDrawerOpen(false);
  const link = (path: string, label: string) => ({
    key: path,
    label: (
      <Link to={path} onClick={close}>
        {label}
      </Link>
    ),
  });
  const active = activePath(pathname, [...sections.map((s) => s.path), ...(isAdmin ? adminPages.map((p) => p.path) : [])]);
  const sectionItems = sections.map((s) => link(s.path, t(`nav.${s.key}`)));
  const adminItems = isAdmin ? adminPages.map((p) => link(p.path, t(p.label))) : [];

  // wide screens keep the five sections; an administrator's 管理端 opens onto its pages
  // and the three directories (enterprises, schools, partners) share one entry, so every section fits at 1280 px
  const directoryKeys: readonly string[] = ['/enterprises', '/schools', '/partners'];
  const wideItems: MenuProps['items'] = sectionItems.flatMap<NonNullable<MenuProps['items']>[number]>((item) => {
    if (item.key === '/admin' && isAdmin)
      return [{ key: 'admin-pages', label: t('nav.admin'), children: [link('/admin', t('account.navOverview')), ...adminItems] }];
    if (item.key === '/enterprises')
      return [{ key: 'directory-pages', label: t('nav.directory'), children: sectionItems.filter((i) => directoryKeys.includes(i.key)) }];
    return directoryKeys.includes(item.key) ? [] : [item];
  });
  // the drawer lists everything, the account's entries included
  const accountItems: MenuProps['items'] = user
    ? [
        link('/account', t('account.myAccount')),
        {
          key: 'sign-out',
          label: t('account.signOut'),
          onClick: () => {
            close();
            signOut.mutate({ everywhere: false });
          },
        },
      ]
    : [link('/login', t('account.signIn'))];
  const drawerItems: MenuProps['items'] = [...sectionItems, ...adminItems, { type: 'divider' }, ...accountItems];

  const userMenu: MenuProps['items'] = [
    { key: '/account', label: <Link to="/account">{t('account.myAccount')}</Link> },
    { type: 'divider' },
    { key: 'sign-out', label: t('account.signOut'), onClick: () => signOut.mutate({ everywhere: false }) },
  ];
  // come back here after signing in, unless here is nowhere in particular
  const loginPath = pathname === '/' || pathname === '/login' ? '/login' : `/login?next=${encodeURIComponent(pathname + search)}`;
  const userButton = user && (
    <Button
      ghost
      size="small"
      loading={signOut.isPending}
      aria-label={t('account.userMenu', { name: user.name })}
      style={{ maxWidth: compact ? 96 : 200 }}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{user.name}</span>
    </Button>
  );
  // a signed-in person's choice is kept with the account too: emails and texts to them follow it
  const keepLanguage = useMutation(trpc.account.setPreferences.mutationOptions());
  const switchLanguage = () => {
    const language: 'zh-CN' | 'en' = currentLanguage() === 'en' ? 'zh-CN' : 'en';
    void setLanguage(language);
    if (me.data) keepLanguage.mutate({ language });
  };

  return (
    <>
      <Layout style={{ minHeight: '100vh' }}>
        <Header
          style={{ display: 'flex', alignItems: 'center', gap: compact ? 8 : 16, paddingInline: compact ? 12 : 32, background: '#0f2c5c' }}
        >
          <Link to="/" style={{ color: '#fff', fontSize: 20, fontWeight: 600, whiteSpace: 'nowrap' }}>
            {t('app.name')}
            {showFullName && (
              <span style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 12, opacity: 0.85 }}>{t('app.fullName')}</span>
            )}
          </Link>
          <nav aria-label={t('nav.menu')} style={{ flex: 1, minWidth: 0 }}>
            {!compact && (
              <Suspense fallback={null}>
                <WideMenu items={wideItems} active={active} />
              </Suspense>
            )}
          </nav>
          <Button
            ghost
            size="small"
            onClick={switchLanguage}
            aria-label={`${t('nav.language')}: ${t('nav.switchTo')}`}
            lang={currentLanguage() === 'en' ? 'zh-CN' : 'en'}
          >
            {t('nav.switchTo')}
          </Button>
          {user && (
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
          )}
          {user ? (
            <Suspense fallback={userButton}>
              <UserMenu items={userMenu}>{userButton}</UserMenu>
            </Suspense>
          ) : (
            me.isSuccess && (
              <Button
                ghost
                size="small"
                href={loginPath}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(loginPath);
                }}
              >
                {t('account.signIn')}
              </Button>
            )
          )}
          {compact && (
            <Button
              ghost
              size="small"
              onClick={() => {
                setDrawerUsed(true);
                setDrawerOpen(true);
              }}
              aria-expanded={drawerOpen}
              aria-controls="nav-drawer"
            >
              {t('nav.menu')}
            </Button>
          )}
        </Header>
        {drawerUsed && (
          <Suspense fallback={null}>
            <NavDrawer title={t('nav.menu')} open={drawerOpen} onClose={close} items={drawerItems} active={active} />
          </Suspense>
        )}
        <Content style={{ padding: compact ? 12 : '24px 32px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
          {/* antd's Content renders the page's <main> landmark */}
          <Outlet />
          {me.data?.privacyNoticeToAccept && (
            <Suspense fallback={null}>
              <PrivacyPrompt version={me.data.privacyNoticeToAccept} />
            </Suspense>
          )}
        </Content>
        <Footer style={{ textAlign: 'center' }}>
          {/* antd's colorTextDescription as set in app.tsx; Typography would bring its editor and tooltip along */}
          <span style={{ color: '#636363' }}>{t('app.tagline')}</span>
        </Footer>
      </Layout>
    </>
  );
}

/** Signs out from the header: leave for the home page first, then forget the old session's data. */
function useSignOut() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const reset = useResetSession();
  const { message } = App.useApp();
  return useMutation(
    trpc.account.signOut.mutationOptions({
      onSuccess: async () => {
        await navigate('/');
        await reset();
      },
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
}
