import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { AppShell } from './layout/app-shell.tsx';
import { PageLoading } from './components/query-state.tsx';
import { HomePage } from './pages/home.tsx';

// Every page but the home page loads on demand, so the first screen stays small.
const DirectoryPage = lazy(() => import('./pages/directory.tsx'));
const AdminPage = lazy(() => import('./pages/admin/overview.tsx'));
const VerificationPage = lazy(() => import('./pages/admin/verification.tsx'));
const AuditPage = lazy(() => import('./pages/admin/audit.tsx'));
const ImportPage = lazy(() => import('./pages/admin/import.tsx'));
const SignInPage = lazy(() => import('./pages/account/sign-in.tsx'));
const AccountPage = lazy(() => import('./pages/account/account.tsx'));
const InvitationPage = lazy(() => import('./pages/account/invitation.tsx'));
const NewOrganizationPage = lazy(() => import('./pages/organizations/new.tsx'));
const OrganizationPage = lazy(() => import('./pages/organizations/profile.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found.tsx'));
const ConsortiaPage = lazy(() => import('./pages/consortia/directory.tsx'));
const NewConsortiumPage = lazy(() => import('./pages/consortia/new.tsx'));
const ConsortiumPage = lazy(() => import('./pages/consortia/detail.tsx'));
const BaseSearchPage = lazy(() => import('./pages/training-bases/search.tsx'));
const BaseMapPage = lazy(() => import('./pages/training-bases/map.tsx'));
const BasePage = lazy(() => import('./pages/training-bases/detail.tsx'));
const BaseEditPage = lazy(() => import('./pages/training-bases/edit.tsx'));
const MyBasesPage = lazy(() => import('./pages/training-bases/mine.tsx'));
const BookingsPage = lazy(() => import('./pages/training-bases/bookings.tsx'));
const NewNeedPage = lazy(() => import('./pages/needs/new.tsx'));
const MyNeedsPage = lazy(() => import('./pages/needs/mine.tsx'));
const NeedPage = lazy(() => import('./pages/needs/detail.tsx'));
const BrowseNeedsPage = lazy(() => import('./pages/needs/browse.tsx'));
const CohortPage = lazy(() => import('./pages/cohorts/detail.tsx'));
const CohortsPage = lazy(() => import('./pages/cohorts/list.tsx'));
const CohortNeedsPage = lazy(() => import('./pages/cohorts/recommendations.tsx'));
const RoundsPage = lazy(() => import('./pages/rounds/list.tsx'));
const RoundPage = lazy(() => import('./pages/rounds/detail.tsx'));
const CooperationPage = lazy(() => import('./pages/cooperation/cooperation.tsx'));
const ProjectPage = lazy(() => import('./pages/cooperation/project.tsx'));
const MonitoringPage = lazy(() => import('./pages/monitoring/dashboard.tsx'));
const PlanTasksPage = lazy(() => import('./pages/monitoring/tasks.tsx'));
const SupplyDemandPage = lazy(() => import('./pages/monitoring/supply-demand.tsx'));
const MatrixPage = lazy(() => import('./pages/monitoring/matrix.tsx'));
const AnnualReportPage = lazy(() => import('./pages/monitoring/annual-report.tsx'));

// antd's default grey text (#8c8c8c), link blue (#1677ff) and error red (#ff4d4f) fail WCAG AA
// contrast on white; these pass 4.5:1.
const theme = {
  token: { colorPrimary: '#1f5fbf', borderRadius: 6, colorTextTertiary: '#636363', colorTextDescription: '#636363', colorTextPlaceholder: '#6b6b6b', colorTextQuaternary: '#6b6b6b', colorLink: '#1f5fbf', colorError: '#cf1322', fontSizeHeading1: 28, fontSizeHeading2: 22 },
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
                    <Route path="enterprises" element={<DirectoryPage kind="enterprise" />} />
                    <Route path="schools" element={<DirectoryPage kind="school" />} />
                    <Route path="partners" element={<DirectoryPage kind="partner" />} />
                    <Route path="admin" element={<AdminPage />} />
                    <Route path="admin/verification" element={<VerificationPage />} />
                    <Route path="admin/audit" element={<AuditPage />} />
                    <Route path="admin/import" element={<ImportPage />} />
                    <Route path="admin/monitoring" element={<MonitoringPage />} />
                    <Route path="admin/tasks" element={<PlanTasksPage />} />
                    <Route path="admin/supply-demand" element={<SupplyDemandPage />} />
                    <Route path="admin/matrix" element={<MatrixPage />} />
                    <Route path="admin/report/:year" element={<AnnualReportPage />} />
                    <Route path="login" element={<SignInPage />} />
                    <Route path="account" element={<AccountPage />} />
                    <Route path="invitations/:token" element={<InvitationPage />} />
                    <Route path="orgs/new" element={<NewOrganizationPage />} />
                    <Route path="orgs/:id" element={<OrganizationPage />} />
                    <Route path="consortia" element={<ConsortiaPage />} />
                    <Route path="consortia/new" element={<NewConsortiumPage />} />
                    <Route path="consortia/:id" element={<ConsortiumPage />} />
                    <Route path="bases" element={<BaseSearchPage />} />
                    <Route path="bases/map" element={<BaseMapPage />} />
                    <Route path="bases/new" element={<BaseEditPage />} />
                    <Route path="bases/mine" element={<MyBasesPage />} />
                    <Route path="bases/bookings" element={<BookingsPage />} />
                    <Route path="bases/:id" element={<BasePage />} />
                    <Route path="bases/:id/edit" element={<BaseEditPage />} />
                    <Route path="needs" element={<BrowseNeedsPage />} />
                    <Route path="needs/mine" element={<MyNeedsPage />} />
                    <Route path="needs/new" element={<NewNeedPage />} />
                    <Route path="needs/:id" element={<NeedPage />} />
                    <Route path="needs/:id/edit" element={<NewNeedPage />} />
                    <Route path="cohorts" element={<CohortsPage />} />
                    <Route path="cohorts/:id" element={<CohortPage />} />
                    <Route path="cohorts/:id/needs" element={<CohortNeedsPage />} />
                    <Route path="rounds" element={<RoundsPage />} />
                    <Route path="rounds/:id" element={<RoundPage />} />
                    <Route path="cooperation" element={<CooperationPage />} />
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
