import { OrchClient, OrchProblemError } from '@orch/client';
import { queryPaths, type WhoAmI } from '@orch/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { apiKeyStorage } from '../api/api-key-storage';
import { orchQueries, shouldRetry } from '../api/query-options';
import { LiveProvider } from '../live/live-provider';
import { SignIn } from '../views/SignIn';
import { AccessContext, canCommand, canManageWebhooks, type Access } from './access';
import { Shell } from './Shell';

export function App() {
  const queryClient = useMemo(() => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 2000 } } }), []);
  const [session, setSession] = useState<{ orch: OrchClient; me: WhoAmI } | null>(null);
  const [restoring, setRestoring] = useState(() => apiKeyStorage.read() !== null);

  async function signIn(key: string): Promise<void> {
    const orch = new OrchClient({ baseUrl: window.location.origin, apiKey: key });
    const me = await orch.http.request<WhoAmI>('GET', queryPaths.whoami());
    if (me.role === 'agent') throw new Error('Agent keys cannot use the dashboard');
    apiKeyStorage.write(key);
    setSession({ orch, me });
  }

  useEffect(() => {
    const stored = apiKeyStorage.read();
    if (!stored) return;
    // A reload keeps the tab's key: check it again before showing anything.
    signIn(stored)
      .catch((error: unknown) => {
        if (error instanceof OrchProblemError && (error.status === 401 || error.status === 403)) apiKeyStorage.clear();
      })
      .finally(() => setRestoring(false));
  }, []);

  if (restoring) return <div className="signin muted">restoring session…</div>;
  if (!session) return <SignIn onSignIn={signIn} />;
  return (
    <QueryClientProvider client={queryClient}>
      <Signed orch={session.orch} me={session.me} signOut={() => (apiKeyStorage.clear(), queryClient.clear(), setSession(null))} />
    </QueryClientProvider>
  );
}

function Signed({ orch, me, signOut }: { readonly orch: OrchClient; readonly me: WhoAmI; readonly signOut: () => void }) {
  const access: Access = useMemo(() => ({ orch, queries: orchQueries(orch), me, canCommand: canCommand(me.role), canManageWebhooks: canManageWebhooks(me.role), signOut }), [orch, me, signOut]);
  return (
    <AccessContext.Provider value={access}>
      <LiveProvider orch={orch}>
        <Shell />
      </LiveProvider>
    </AccessContext.Provider>
  );
}
