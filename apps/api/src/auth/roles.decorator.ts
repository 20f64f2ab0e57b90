import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@orch/domain-access';

export const ROLES_KEY = 'orch:roles';

/** The roles allowed on a route (DESIGN.md §7). Every route must declare them; none is open. */
export const Roles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES_KEY, roles);

export const COMMANDERS: ApiKeyRole[] = ['admin', 'operator'];
export const READERS: ApiKeyRole[] = ['admin', 'operator', 'auditor', 'integrator'];
