import { parseRoom, type LiveError, type LiveRoom, type ParsedRoom } from '@orch/contracts';

export interface ValidSubscribe {
  readonly room: LiveRoom;
  readonly parsed: ParsedRoom;
  readonly fromPosition?: number;
}

/** Checks a client's subscribe message: an object with a known room and an optional position. */
export function validateSubscribe(body: unknown): ValidSubscribe | LiveError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('the message must be an object { room, fromPosition? }');
  const { room, fromPosition, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return invalid(`unknown fields: ${unknown.join(', ')}`);
  const parsed = parseRoom(room);
  if (!parsed) return invalid('room must be events, sessions, agents or session:<uuid>');
  if (fromPosition !== undefined && !(Number.isSafeInteger(fromPosition) && (fromPosition as number) >= 0)) {
    return invalid('fromPosition must be a non-negative integer');
  }
  return { room: room as LiveRoom, parsed, ...(fromPosition === undefined ? {} : { fromPosition: fromPosition as number }) };
}

function invalid(message: string): LiveError {
  return { status: 400, code: 'COMMAND.FIELD_INVALID', message };
}
