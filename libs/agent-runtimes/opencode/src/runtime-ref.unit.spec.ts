import { decodeRunRef, encodeRunRef, normalBaseUrl } from './runtime-ref';
import { environmentSecrets, secretName } from './secrets';

describe('runtime refs', () => {
  it('round-trip what attach needs: the server, the session, the directory', () => {
    const owned = { server: { kind: 'owned' as const }, sessionId: 'ses_abc123', directory: '/work/a' };
    const external = { server: { kind: 'external' as const, baseUrl: 'https://oc.example.com:4096', passwordRef: 'secret:oc' }, sessionId: 'ses_x', directory: '/w' };

    expect(decodeRunRef(encodeRunRef(owned))).toEqual(owned);
    expect(decodeRunRef(encodeRunRef(external))).toEqual(external);
    expect(encodeRunRef(owned)).toMatch(/^opencode:[A-Za-z0-9_-]+$/);
  });

  it.each(['no-such-run', 'scripted:abc', 'opencode:!!!', `opencode:${Buffer.from('{"v":1,"s":"owned","id":"../x","d":"/w"}').toString('base64url')}`, `opencode:${Buffer.from('{"v":1,"s":"file:///etc","id":"ses_a","d":"/w"}').toString('base64url')}`])(
    'refuse %s',
    (ref) => {
      expect(decodeRunRef(ref)).toBeUndefined();
    },
  );

  it('normalise base URLs and refuse credentials or queries in them', () => {
    expect(normalBaseUrl('http://127.0.0.1:4096/')).toBe('http://127.0.0.1:4096');
    expect(normalBaseUrl('http://user:pw@host')).toBeUndefined();
    expect(normalBaseUrl('ftp://host')).toBeUndefined();
  });
});

describe('secrets', () => {
  it('read secret:<name> from ORCH_SECRET_<NAME> by default', async () => {
    const resolve = environmentSecrets({ ORCH_SECRET_OPENCODE_PROD: 'pw' });

    expect(secretName('secret:opencode-prod')).toBe('opencode-prod');
    expect(await resolve('opencode-prod')).toBe('pw');
    expect(await resolve('other')).toBeUndefined();
    expect(secretName('plain-password')).toBeUndefined();
  });
});
