import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScaleTradeSim } from './server';
import type { ScaleTradeSim } from './server';
import { call, DISABLED, fixtureData, PASSWORD, signIn, TRADER } from './testSupport';

let sim: ScaleTradeSim;

beforeEach(async () => {
  sim = await startScaleTradeSim({ data: fixtureData(), fillDelayMs: 0, tokenTtlMs: 60_000 });
});

afterEach(async () => {
  await sim.close();
});

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /sign/in', () => {
  it('answers the profile with an HS256 JWT in __token carrying the login, the session type and the expiry', async () => {
    const answer = await call(sim, 'POST', '/sign/in', { body: { login: TRADER, password: PASSWORD } });
    expect(answer.status).toBe(200);
    const profile = answer.body as Record<string, unknown>;
    expect(profile).toMatchObject({ login: String(TRADER), name: 'Maya Okafor', currency: 'USD' });
    const token = profile.__token as string;
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'))).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ login: TRADER, type: 'client' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
  });

  it('refuses a password shorter than 6 characters and a login that is not an integer with 400 INVALID_DATA', async () => {
    const short = await call(sim, 'POST', '/sign/in', { body: { login: TRADER, password: 'abc' } });
    expect(short.status).toBe(400);
    expect(short.body).toEqual({ error: 'INVALID_DATA', message: 'password must be at least 6 characters' });
    const fractional = await call(sim, 'POST', '/sign/in', { body: { login: 1.5, password: PASSWORD } });
    expect(fractional.status).toBe(400);
    expect((await call(sim, 'POST', '/sign/in', { rawBody: '{"login":' })).body).toMatchObject({ error: 'INVALID_DATA' });
  });

  it('answers 403 USER_NOT_FOUND_OR_INCORRECT for a wrong password and for an unknown login alike', async () => {
    const wrong = await call(sim, 'POST', '/sign/in', { body: { login: TRADER, password: 'not-the-password' } });
    const unknown = await call(sim, 'POST', '/sign/in', { body: { login: 999, password: PASSWORD } });
    expect([wrong.status, unknown.status]).toEqual([403, 403]);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ error: 'USER_NOT_FOUND_OR_INCORRECT' });
  });

  it('answers 402 USER_DISABLED for a disabled user with the right password', async () => {
    const answer = await call(sim, 'POST', '/sign/in', { body: { login: DISABLED, password: PASSWORD } });
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ error: 'USER_DISABLED' });
  });

  it('never records a password in the request log', async () => {
    await call(sim, 'POST', '/sign/in', { body: { login: TRADER, password: PASSWORD } });
    await call(sim, 'POST', '/sign/in', { rawBody: `{"login":${TRADER},"password":"${PASSWORD}"` });
    expect(sim.requests[0]?.body).toEqual({ login: TRADER, password: 'REDACTED' });
    expect(JSON.stringify(sim.requests)).not.toContain(PASSWORD);
  });

  it('generates a fresh password per start for a user the data gives none', async () => {
    const data = fixtureData();
    data.users = data.users.map(({ password: _password, ...user }) => user);
    const first = await startScaleTradeSim({ data });
    const second = await startScaleTradeSim({ data });
    try {
      expect(first.password).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(first.password).not.toBe(second.password);
      expect(await signIn(first)).toContain('.');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('Authorization: <JWT>', () => {
  it('accepts the bare token and refuses a Bearer prefix, a missing header and forged claims with 401 PERMISSION_DENIED', async () => {
    const token = await signIn(sim);
    expect((await call(sim, 'GET', '/account/me', { auth: token })).status).toBe(200);
    const [header, , signature] = token.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ ...claimsOf(token), login: DISABLED })).toString('base64url');
    const forged = `${header}.${forgedClaims}.${signature}`;
    for (const auth of [`Bearer ${token}`, null, forged, 'not-a-token']) {
      const answer = await call(sim, 'GET', '/account/me', { auth });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'PERMISSION_DENIED', message: 'Invalid or missing JWT' });
    }
  });

  it('expires a token on the simulator clock, without sleeping', async () => {
    // A clock that moves only by advance(): on a busy machine real seconds pass between these calls.
    const startedAt = Date.now();
    const timed = await startScaleTradeSim({ data: fixtureData(), fillDelayMs: 0, tokenTtlMs: 60_000, clock: () => startedAt });
    try {
      const token = await signIn(timed);
      timed.advance(59_000);
      expect((await call(timed, 'GET', '/account/me', { auth: token })).status).toBe(200);
      timed.advance(1_000);
      const answer = await call(timed, 'GET', '/account/me', { auth: token });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'PERMISSION_DENIED', message: 'Token expired' });
      expect((await call(timed, 'GET', '/account/me', { auth: await signIn(timed) })).status).toBe(200);
    } finally {
      await timed.close();
    }
  });

  it('answers 400 INVALID_USER once the user behind a valid token is disabled', async () => {
    const token = await signIn(sim);
    sim.state.setDisabled(TRADER, true);
    const answer = await call(sim, 'GET', '/account/me', { auth: token });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'INVALID_USER' });
  });

  it('answers unknown routes and methods in the platform error shape', async () => {
    const token = await signIn(sim);
    expect((await call(sim, 'GET', '/nowhere', { auth: token })).body).toEqual({ error: 'NOT_FOUND', message: 'Route not found' });
    expect((await call(sim, 'POST', '/account/me', { auth: token })).status).toBe(405);
  });
});
