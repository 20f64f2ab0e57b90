import type { OrchClient } from '@orch/client';
import type { WhoAmI } from '@orch/contracts';
import { createContext, useContext } from 'react';
import type { OrchQueries } from '../api/query-options';

export interface Access {
  readonly orch: OrchClient;
  readonly queries: OrchQueries;
  readonly me: WhoAmI;
  /** Admins and operators send commands; auditors and integrators only read (DESIGN.md §7). */
  readonly canCommand: boolean;
  readonly canManageWebhooks: boolean;
  readonly signOut: () => void;
}

export const AccessContext = createContext<Access | null>(null);

export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error('useAccess outside a signed-in dashboard');
  return access;
}

export const canCommand = (role: WhoAmI['role']) => role === 'admin' || role === 'operator';
export const canManageWebhooks = (role: WhoAmI['role']) => role === 'admin' || role === 'integrator';
