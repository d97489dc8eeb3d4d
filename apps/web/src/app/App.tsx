/** The whole app: providers around the routes, in the browser's history. */
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes.tsx';
import { createQueryClient, Providers } from './providers.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <BrowserRouter>
      <Providers queryClient={queryClient}>
        <AppRoutes />
      </Providers>
    </BrowserRouter>
  );
}
