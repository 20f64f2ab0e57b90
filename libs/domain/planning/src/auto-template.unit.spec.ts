import { selectTemplate } from './auto-template';

describe('auto template selection (DOMAIN.md §3.1)', () => {
  it.each([
    ['auth', 'security'],
    ['authentication', 'security'],
    ['authorization', 'security'],
    ['authorisation', 'security'],
    ['oauth', 'security'],
    ['security', 'security'],
    ['vulnerability', 'security'],
    ['microservice', 'microservice'],
    ['microservices', 'microservice'],
    ['distributed', 'microservice'],
    ['crud', 'crud'],
    ['database', 'crud'],
    ['persistence', 'crud'],
    ['ui', 'ui'],
    ['frontend', 'ui'],
    ['front-end', 'ui'],
    ['screen', 'ui'],
    ['form', 'ui'],
    ['refactor', 'refactoring'],
    ['refactoring', 'refactoring'],
    ['cleanup', 'refactoring'],
    ['restructure', 'refactoring'],
  ])('given the keyword %j in a sentence, when selected, then %s', (keyword, template) => {
    expect(selectTemplate(`Please handle the ${keyword} part, thanks`)).toBe(template);
  });

  it.each([
    ['Fix AUTH for admins', 'security'],
    ['Add a Front-End page', 'ui'],
    ['(OAuth) flow', 'security'],
    ['auth-service needs work', 'security'],
    ['done.refactor!', 'refactoring'],
  ])('given %j, when selected, then case and punctuation around a word do not matter: %s', (text, template) => {
    expect(selectTemplate(text)).toBe(template);
  });

  it.each([
    'Check the authority of the caller',
    'Reauth on expiry',
    'Use the forms library',
    'a guide to platforms',
    'build a microservicey thing',
    'databases and screens',
    'frontends',
    'front end',
    'refactored code',
    'auth_token rotation',
    'éauth',
  ])('given %j, when selected, then only whole words count: feature', (text) => {
    expect(selectTemplate(text)).toBe('feature');
  });

  it.each([
    ['Refactor the UI form database for distributed auth', 'security'],
    ['Refactor the UI form database for distributed services', 'microservice'],
    ['Refactor the UI form on the database', 'crud'],
    ['Refactor the UI', 'ui'],
  ])('given keywords of several templates in %j, when selected, then the first in priority order wins: %s', (text, template) => {
    expect(selectTemplate(text)).toBe(template);
  });

  it('given no keyword, when selected, then feature', () => {
    expect(selectTemplate('Add a button that exports the report')).toBe('feature');
  });
});
