import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { clearSession } from './features/auth/auth-api.ts';
import { setUnauthenticatedHandler } from './lib/api.ts';
import { createQueryClient } from './lib/query-client.ts';
import { routes } from './routes.tsx';

/** The app: one query client and the router. A 401 anywhere returns the user to sign-in. */
export function App() {
  const [client] = useState(() => {
    const qc = createQueryClient();
    setUnauthenticatedHandler(() => clearSession(qc));
    return qc;
  });
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
