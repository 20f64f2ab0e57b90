import { formatSignatureHeader, parseSignatureHeader, signedContent } from '../webhooks/webhook-delivery';
import { streamCategory } from './live-event';
import { parseRoom, sessionRoom } from './rooms';
import { eventStreamSearch } from './sse';

const SESSION = '0190a0b0-0000-7000-8000-000000000001';

describe('live contracts', () => {
  it('given room names, then only the four kinds with a lowercase uuid session parse', () => {
    expect(parseRoom('events')).toEqual({ kind: 'events' });
    expect(parseRoom('agents')).toEqual({ kind: 'agents' });
    expect(parseRoom(sessionRoom(SESSION))).toEqual({ kind: 'session', sessionId: SESSION });
    expect(parseRoom(`session:${SESSION.toUpperCase()}`)).toBeUndefined();
    expect(parseRoom('session:../../x')).toBeUndefined();
    expect(parseRoom('tenants')).toBeUndefined();
    expect(parseRoom(42)).toBeUndefined();
  });

  it('given a stream query, then lists repeat their key and absent fields are left out', () => {
    expect(eventStreamSearch({})).toBe('');
    expect(eventStreamSearch({ from: 0, category: ['session', 'agent'], type: ['Task'] })).toBe('?from=0&category=session&category=agent&type=Task');
  });

  it('given stream names, then the category is what comes before the first dash', () => {
    expect(streamCategory(`session-${SESSION}`)).toBe('session');
    expect(streamCategory('sessionoutput-1')).toBe('sessionoutput');
    expect(streamCategory('nodash')).toBe('nodash');
  });

  it('given signature headers, then t and every v1 are read, and malformed ones are refused', () => {
    const hex = 'a'.repeat(64);
    expect(parseSignatureHeader(formatSignatureHeader(1_700_000_000, hex))).toEqual({ timestamp: 1_700_000_000, signatures: [hex] });
    expect(parseSignatureHeader(`t=1,v1=${hex},v0=zzz,v1=${'b'.repeat(64)}`)?.signatures).toEqual([hex, 'b'.repeat(64)]);
    expect(parseSignatureHeader('v1=abc')).toBeUndefined();
    expect(parseSignatureHeader(`t=1`)).toBeUndefined();
    expect(signedContent(5, '{}')).toBe('5.{}');
  });
});
