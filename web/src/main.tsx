/**
 * The officers' web app: Vietnamese locale for antd and dayjs, TanStack Query for server state,
 * the router of app/routes.tsx. Served by the service at `/` (src/app/web-app.ts).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { appRoutes } from './app/routes';
import SignInPage from './auth/SignInPage';

dayjs.locale('vi');

// the frame of the signed-in screens loads after the sign-in page (a smaller first screen)
const AppLayout = lazy(() => import('./app/AppLayout'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a 4xx will not change by asking again
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(appRoutes(AppLayout, SignInPage));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={{ token: { fontSize: 14 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
