import { identifierOf, slugOf } from './script-files';

describe('task file names', () => {
  it('slugs a title to lower-case words joined by dashes, at most 48 characters', () => {
    expect(slugOf('Implement the greeting service', 'implement')).toBe('implement-the-greeting-service');
    expect(slugOf('  Build authentication & authorisation!  ', 't')).toBe('build-authentication-authorisation');
    expect(slugOf('Café crème', 't')).toBe('cafe-creme');
    expect(slugOf('x'.repeat(60), 't')).toHaveLength(48);
  });

  it('falls back to the task id when nothing is left of the title', () => {
    expect(slugOf('!!!', 'review')).toBe('review');
  });

  it('makes an identifier that never starts with a digit', () => {
    expect(identifierOf('implement-the-greeting-service')).toBe('implementTheGreetingService');
    expect(identifierOf('2fa-login')).toBe('task2faLogin');
  });
});
