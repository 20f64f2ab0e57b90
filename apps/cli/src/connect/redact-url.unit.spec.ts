import { redact } from './redact-url';

describe('redact', () => {
  it('hides the password of a URL shown to the operator', () => {
    expect(redact('postgres://user:secret@db:5432/orch')).toBe('postgres://user:***@db:5432/orch');
    expect(redact('postgres://user@db/orch')).toBe('postgres://user@db/orch');
    expect(redact('not a url')).toBe('an unparseable URL');
  });
});
