import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';

const { Header, Content, Footer } = Layout;

const sections = [
  { path: '/', key: 'home' },
  { path: '/enterprises', key: 'enterprises' },
  { path: '/schools', key: 'schools' },
  { path: '/partners', key: 'partners' },
  { path: '/admin', key: 'admin' },
] as const;

export function AppShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const compact = !screens.md;

  const active = sections.find((s) => s.path !== '/' && pathname.startsWith(s.path))?.path ?? (pathname === '/' ? '/' : '');
  const items: MenuProps['items'] = sections.map((s) => ({
    key: s.path,
    label: (
      <Link to={s.path} onClick={() => setDrawerOpen(false)}>
        {t(`nav.${s.key}`)}
      </Link>
    ),
  }));
  const switchLanguage = () => void setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: compact ? 12 : 32, background: '#0f2c5c' }}>
        <Link to="/" style={{ color: '#fff', fontSize: 20, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
          {!compact && <span style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 12, opacity: 0.85 }}>{t('app.fullName')}</span>}
        </Link>
        <nav aria-label={t('nav.menu')} style={{ flex: 1, minWidth: 0 }}>
          {!compact && <Menu theme="dark" mode="horizontal" selectedKeys={[active]} items={items} style={{ background: 'transparent', justifyContent: 'flex-end' }} />}
        </nav>
        <Button ghost size="small" onClick={switchLanguage} aria-label={`${t('nav.language')}: ${t('nav.switchTo')}`} lang={currentLanguage() === 'en' ? 'zh-CN' : 'en'}>
          {t('nav.switchTo')}
        </Button>
        {compact && (
          <Button ghost size="small" onClick={() => setDrawerOpen(true)} aria-expanded={drawerOpen} aria-controls="nav-drawer">
            {t('nav.menu')}
          </Button>
        )}
      </Header>
      <Drawer id="nav-drawer" title={t('nav.menu')} placement="right" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260}>
        <Menu mode="vertical" selectedKeys={[active]} items={items} style={{ border: 'none' }} />
      </Drawer>
      <Content style={{ padding: compact ? 12 : '24px 32px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        {/* antd's Content renders the page's <main> landmark */}
        <Outlet />
      </Content>
      <Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Footer>
    </Layout>
  );
}
