import { chooseScript } from './script-directives';

const NONE = { fail: false, flaky: false, hang: false, askPermission: false, slow: false };

describe('chooseScript', () => {
  it('takes the agent scenario alone when the instructions name no script', () => {
    expect(chooseScript('default', 'Implement the change', 'implement')).toEqual({ ok: true, flags: NONE });
    expect(chooseScript('slow', 'Implement the change', 'implement')).toEqual({ ok: true, flags: { ...NONE, slow: true } });
  });

  it('adds every directive in the instructions, in any case', () => {
    const choice = chooseScript('default', 'Do it [script:ask-permission] and [SCRIPT:Slow]', 'implement');
    expect(choice).toEqual({ ok: true, flags: { ...NONE, askPermission: true, slow: true } });
  });

  it('applies a directive aimed at a task to that task only', () => {
    const instructions = 'Plan [script:fail@test] [script:hang@review]';
    expect(chooseScript('default', instructions, 'test')).toEqual({ ok: true, flags: { ...NONE, fail: true } });
    expect(chooseScript('default', instructions, 'implement')).toEqual({ ok: true, flags: NONE });
  });

  it('refuses an unknown scenario or directive, naming the known ones', () => {
    expect(chooseScript('implementer', 'x', 't')).toEqual({ ok: false, message: expect.stringContaining('"implementer"') });
    expect(chooseScript('default', '[script:explode]', 't')).toEqual({
      ok: false,
      message: expect.stringContaining('default, fail, flaky, hang, ask-permission, slow'),
    });
  });
});
