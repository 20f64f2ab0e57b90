import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'orch:public';

/** Only for liveness/readiness probes: they reveal nothing and must work without a key. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
