import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

/** The gateway's namespace, for HTTP endpoints that look at the sockets (set in afterInit). */
@Injectable()
export class LiveNamespace {
  current: Namespace | undefined;
}
