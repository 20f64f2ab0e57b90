import { isSpaRoute } from './serve-dashboard';

describe('dashboard routes', () => {
  it('given browser routes, then the page answers them', () => {
    expect(isSpaRoute('GET', '/')).toBe(true);
    expect(isSpaRoute('GET', '/sessions/0190a0b0-0000-7000-8000-000000000001')).toBe(true);
    expect(isSpaRoute('HEAD', '/events')).toBe(true);
  });

  it('given the api, the socket gateway, files and non-GET requests, then the page never answers them', () => {
    expect(isSpaRoute('GET', '/api/v1/sessions')).toBe(false);
    expect(isSpaRoute('GET', '/api')).toBe(false);
    expect(isSpaRoute('GET', '/socket.io/?EIO=4')).toBe(false);
    expect(isSpaRoute('GET', '/assets/missing.js')).toBe(false);
    expect(isSpaRoute('POST', '/sessions')).toBe(false);
  });
});
