import type { TesseraClient } from '@tessera/client';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { createSession, type Me } from './session';

interface ApiState {
  readonly client: TesseraClient;
  /** The signed-in credential; null before sign-in. */
  readonly me: Me | null;
  /** True until the first `GET /v1/auth/me` has answered. */
  readonly checking: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const ApiContext = createContext<ApiState | null>(null);

export function ApiProvider(props: { readonly children: ReactNode }) {
  const session = useMemo(() => createSession(), []);
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const who = await session.client.whoAmI();
      session.setCsrfToken(who.csrf_token ?? null);
      setMe(who);
    } catch {
      setMe(null);
    } finally {
      setChecking(false);
    }
  }, [session]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<ApiState>(
    () => ({
      client: session.client,
      me,
      checking,
      async login(email, password) {
        const result = await session.client.login({ email, password });
        session.setCsrfToken(result.csrf_token);
        await refresh();
      },
      async logout() {
        try {
          await session.client.logout();
        } finally {
          session.setCsrfToken(null);
          setMe(null);
        }
      },
    }),
    [session, me, checking, refresh],
  );
  return <ApiContext.Provider value={value}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiState {
  const state = useContext(ApiContext);
  if (state === null) throw new Error('useApi outside <ApiProvider>');
  return state;
}

/** The signed-in credential; only for pages rendered behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useApi();
  if (me === null) throw new Error('useMe before sign-in');
  return me;
}
