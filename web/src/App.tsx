import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session';
import { WorkspaceProvider } from './auth/workspace';
import { Shell } from './layout/Shell';
import { t } from './messages';
import { ForgotPasswordPage, LoginPage, ResetPasswordPage } from './pages/PublicPages';
import { NoAccessPage, NotFoundPage } from './pages/ErrorPages';
import { pageRoutes } from './routes';

function Loading() {
  return (
    <Center h="60vh" role="status" aria-live="polite">
      <Loader aria-hidden />
      <VisuallyHidden>{t.loading}</VisuallyHidden>
    </Center>
  );
}

// Its own chunk: the QR code library loads only for those who enrol.
const ForcedEnrolmentPage = lazy(() => import('./pages/ForcedEnrolmentPage'));

function Private({ children }: { children: ReactNode }) {
  const { me, starting } = useSession();
  const location = useLocation();
  if (starting) return <Loading />;
  if (!me)
    return (
      <Navigate to="/inloggen" replace state={{ from: location.pathname + location.search }} />
    );
  // The API gives such a session nothing but enrolment; the address stays for afterwards.
  if (me.twoFactor?.enrolmentRequired)
    return (
      <Suspense fallback={<Loading />}>
        <ForcedEnrolmentPage />
      </Suspense>
    );
  return (
    <WorkspaceProvider>
      <Shell>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </Shell>
    </WorkspaceProvider>
  );
}

export function App() {
  const { me } = useSession();
  return (
    <Routes>
      <Route path="/inloggen" element={<LoginPage />} />
      <Route path="/wachtwoord-vergeten" element={<ForgotPasswordPage />} />
      <Route path="/wachtwoord-herstellen" element={<ResetPasswordPage />} />
      {pageRoutes.map(({ path, roles, page: Page }) => (
        <Route
          key={path}
          path={path}
          element={
            <Private>{me && !roles.includes(me.role) ? <NoAccessPage /> : <Page />}</Private>
          }
        />
      ))}
      <Route
        path="*"
        element={
          <Private>
            <NotFoundPage />
          </Private>
        }
      />
    </Routes>
  );
}
