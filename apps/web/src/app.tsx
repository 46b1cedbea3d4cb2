import { lazy, Suspense, useState, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/es/locale/zh_CN';
import enUSLocale from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { AppShell } from './layout/app-shell.tsx';
import { PageLoading } from './components/query-state.tsx';
import { HomePage } from './pages/home.tsx';
import { loadFeatureMessages } from './i18n/index.ts';

/** A page loaded on demand, with the features' messages: every page but the home page, so the first screen stays small. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own constraint: any props
function page<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(async () => (await Promise.all([load(), loadFeatureMessages()]))[0]);
}

const DirectoryPage = page(() => import('./pages/directory.tsx'));
const AdminPage = page(() => import('./pages/admin/overview.tsx'));
const VerificationPage = page(() => import('./pages/admin/verification.tsx'));
const AuditPage = page(() => import('./pages/admin/audit.tsx'));
const OutboxPage = page(() => import('./pages/admin/outbox.tsx'));
const ImportPage = page(() => import('./pages/admin/import.tsx'));
const SignInPage = page(() => import('./pages/account/sign-in.tsx'));
const AccountPage = page(() => import('./pages/account/account.tsx'));
const InvitationPage = page(() => import('./pages/account/invitation.tsx'));
const PasswordResetPage = page(() => import('./pages/account/password-reset.tsx'));
const NewOrganizationPage = page(() => import('./pages/organizations/new.tsx'));
const OrganizationPage = page(() => import('./pages/organizations/profile.tsx'));
const NotFoundPage = page(() => import('./pages/not-found.tsx'));
const PrivacyPage = page(() => import('./pages/privacy.tsx'));
const RequireSignIn = page(() => import('./components/require-sign-in.tsx').then((m) => ({ default: m.RequireSignIn })));
const RequireRole = page(() => import('./components/require-sign-in.tsx').then((m) => ({ default: m.RequireRole })));
const ConsortiaPage = page(() => import('./pages/consortia/directory.tsx'));
const NewConsortiumPage = page(() => import('./pages/consortia/new.tsx'));
const ConsortiumPage = page(() => import('./pages/consortia/detail.tsx'));
const BaseSearchPage = page(() => import('./pages/training-bases/search.tsx'));
const BaseMapPage = page(() => import('./pages/training-bases/map.tsx'));
const BasePage = page(() => import('./pages/training-bases/detail.tsx'));
const BaseEditPage = page(() => import('./pages/training-bases/edit.tsx'));
const MyBasesPage = page(() => import('./pages/training-bases/mine.tsx'));
const BookingsPage = page(() => import('./pages/training-bases/bookings.tsx'));
const NewNeedPage = page(() => import('./pages/needs/new.tsx'));
const MyNeedsPage = page(() => import('./pages/needs/mine.tsx'));
const NeedPage = page(() => import('./pages/needs/detail.tsx'));
const BrowseNeedsPage = page(() => import('./pages/needs/browse.tsx'));
const CohortPage = page(() => import('./pages/cohorts/detail.tsx'));
const CohortsPage = page(() => import('./pages/cohorts/list.tsx'));
const CohortNeedsPage = page(() => import('./pages/cohorts/recommendations.tsx'));
const RoundsPage = page(() => import('./pages/rounds/list.tsx'));
const RoundPage = page(() => import('./pages/rounds/detail.tsx'));
const CooperationPage = page(() => import('./pages/cooperation/cooperation.tsx'));
const ProjectPage = page(() => import('./pages/cooperation/project.tsx'));
const MonitoringPage = page(() => import('./pages/monitoring/dashboard.tsx'));
const PlanTasksPage = page(() => import('./pages/monitoring/tasks.tsx'));
const SupplyDemandPage = page(() => import('./pages/monitoring/supply-demand.tsx'));
const MatrixPage = page(() => import('./pages/monitoring/matrix.tsx'));
const AnnualReportPage = page(() => import('./pages/monitoring/annual-report.tsx'));

// antd's default grey text (#8c8c8c), link blue (#1677ff) and error red (#ff4d4f) fail WCAG AA
// contrast on white; these pass 4.5:1.
// What a signed-out visitor is told on pages that explain themselves rather than send them straight to sign in.
const directoryPrompt = { title: 'organizations.signInTitle', body: 'organizations.signInBody', action: 'organizations.signIn' };
const basesPrompt = { title: 'base-publish.signInTitle', body: 'base-publish.signInBody', action: 'base-publish.signIn' };
const bookingsPrompt = { title: 'base-detail.signInForBookings', body: 'base-detail.signInForBookingsBody', action: 'base-detail.signIn' };
const tasksPrompt = { title: 'plan-tasks.signInTitle', body: 'plan-tasks.signInBody', action: 'plan-tasks.signIn' };

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    // antd derives a lighter hover (#417dcc, 4.2:1 on white): a focused or hovered default button's text must pass too
    colorPrimaryHover: '#1a52a8',
    colorLinkHover: '#1a52a8',
    borderRadius: 6,
    colorTextTertiary: '#636363',
    colorTextDescription: '#636363',
    colorTextPlaceholder: '#6b6b6b',
    colorTextQuaternary: '#6b6b6b',
    colorLink: '#1f5fbf',
    colorError: '#cf1322',
    fontSizeHeading1: 28,
    fontSizeHeading2: 22,
  },
};

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUSLocale : zhCNLocale} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <BrowserRouter>
              <Suspense fallback={<PageLoading />}>
                <Routes>
                  <Route element={<AppShell />}>
                    <Route index element={<HomePage />} />
                    <Route element={<RequireSignIn prompt={directoryPrompt} />}>
                      <Route path="enterprises" element={<DirectoryPage kind="enterprise" />} />
                      <Route path="schools" element={<DirectoryPage kind="school" />} />
                      <Route path="partners" element={<DirectoryPage kind="partner" />} />
                    </Route>
                    <Route path="admin" element={<AdminPage />} />
                    <Route element={<RequireRole role="platformAdmin" />}>
                      <Route path="admin/verification" element={<VerificationPage />} />
                      <Route path="admin/audit" element={<AuditPage />} />
                      <Route path="admin/outbox" element={<OutboxPage />} />
                      <Route path="admin/import" element={<ImportPage />} />
                      <Route path="admin/monitoring" element={<MonitoringPage />} />
                    </Route>
                    <Route element={<RequireSignIn prompt={tasksPrompt} />}>
                      <Route path="admin/tasks" element={<PlanTasksPage />} />
                    </Route>
                    <Route path="admin/supply-demand" element={<SupplyDemandPage />} />
                    <Route path="admin/matrix" element={<MatrixPage />} />
                    <Route path="admin/report/:year" element={<AnnualReportPage />} />
                    <Route path="login" element={<SignInPage />} />
                    <Route path="privacy" element={<PrivacyPage />} />
                    <Route path="forgot-password" element={<PasswordResetPage />} />
                    <Route path="reset-password" element={<PasswordResetPage />} />
                    <Route path="account" element={<AccountPage />} />
                    <Route path="invitations/:token" element={<InvitationPage />} />
                    <Route path="consortia" element={<ConsortiaPage />} />
                    <Route path="consortia/:id" element={<ConsortiumPage />} />
                    <Route path="bases" element={<BaseSearchPage />} />
                    <Route path="bases/map" element={<BaseMapPage />} />
                    <Route element={<RequireSignIn prompt={basesPrompt} />}>
                      <Route path="bases/new" element={<BaseEditPage />} />
                      <Route path="bases/mine" element={<MyBasesPage />} />
                      <Route path="bases/:id/edit" element={<BaseEditPage />} />
                    </Route>
                    <Route element={<RequireSignIn prompt={bookingsPrompt} />}>
                      <Route path="bases/bookings" element={<BookingsPage />} />
                    </Route>
                    <Route path="bases/:id" element={<BasePage />} />
                    <Route path="needs" element={<BrowseNeedsPage />} />
                    <Route path="needs/:id" element={<NeedPage />} />
                    <Route element={<RequireSignIn />}>
                      <Route path="orgs/new" element={<NewOrganizationPage />} />
                      <Route path="orgs/:id" element={<OrganizationPage />} />
                      <Route path="consortia/new" element={<NewConsortiumPage />} />
                      <Route path="needs/mine" element={<MyNeedsPage />} />
                      <Route path="needs/new" element={<NewNeedPage />} />
                      <Route path="needs/:id/edit" element={<NewNeedPage />} />
                      <Route path="cohorts" element={<CohortsPage />} />
                      <Route path="cohorts/:id" element={<CohortPage />} />
                      <Route path="cohorts/:id/needs" element={<CohortNeedsPage />} />
                      <Route path="rounds" element={<RoundsPage />} />
                      <Route path="rounds/:id" element={<RoundPage />} />
                      <Route path="cooperation" element={<CooperationPage />} />
                    </Route>
                    <Route path="projects/:id" element={<ProjectPage />} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </BrowserRouter>
          </TRPCProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
