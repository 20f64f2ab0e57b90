import { OrchProblemError } from '@orch/client';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, parsePrefixes, validateWebhookForm } from './field-errors';

const problem = (extra: object) => new OrchProblemError({ type: 'x', title: 'Bad Request', status: 400, detail: 'url: https, or http to loopback', code: 'COMMAND.FIELD_INVALID', ...extra });

describe('the webhook form checks', () => {
  it('given an empty URL, a non-http URL or no prefixes, then each is named with its field', () => {
    expect(validateWebhookForm('', [])).toEqual({ url: 'required', eventTypes: expect.stringContaining('at least one') });
    expect(validateWebhookForm('ftp://files.example.com', ['Session'])).toEqual({ url: 'an http(s) URL' });
    expect(validateWebhookForm('not a url', ['Session'])).toEqual({ url: 'an http(s) URL' });
    expect(validateWebhookForm('https://ci.example.com/hook', Array.from({ length: 51 }, (_, i) => `T${i}`))).toEqual({ eventTypes: 'at most 50 prefixes' });
    expect(validateWebhookForm('https://ci.example.com/hook', ['Session'])).toEqual({});
  });

  it('given prefixes typed with commas and spaces, then they are split and deduplicated', () => {
    expect(parsePrefixes(' Session, TaskFailed  Session,,')).toEqual(['Session', 'TaskFailed']);
    expect(parsePrefixes('   ')).toEqual([]);
  });

  it("given the api's refusals, then a domain rule and class-validator errors land on their fields, anything else on the form", () => {
    expect(fieldErrorsOf(problem({ details: { field: 'url', rule: 'https, or http to loopback' } }))).toEqual({ url: 'https, or http to loopback' });
    expect(fieldErrorsOf(problem({ errors: [{ field: 'eventTypes', rule: 'arrayMinSize', message: 'eventTypes must contain at least 1 elements' }] }))).toEqual({
      eventTypes: 'eventTypes must contain at least 1 elements',
    });
    expect(fieldErrorsOf(problem({}))).toEqual({ form: 'COMMAND.FIELD_INVALID: url: https, or http to loopback' });
    expect(fieldErrorsOf(new Error('Failed to fetch'))).toEqual({ form: 'Failed to fetch' });
  });
});
