import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from './jwt';
import { startExnessSim } from './server';
import type { ExnessSim } from './server';
import { call, fixtureData, USERS } from './testSupport';

let sim: ExnessSim;

beforeEach(async () => {
  sim = await startExnessSim({ data: fixtureData(), signingKey: 'fixture-key' });
});

afterEach(async () => {
  await sim.close();
});

describe('authentication', () => {
  it('hands out a token for the first user that the simulator accepts', async () => {
    expect([sim.userId, sim.email]).toEqual([USERS.maya.userId, USERS.maya.email]);
    const answer = await call(sim, 'GET', '/api/v1/balance');
    expect(answer.status).toBe(200);
  });

  it('answers 401 "Access denied. No token provided." without an Authorization header', async () => {
    const answer = await call(sim, 'GET', '/api/v1/trade/orders', { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'Access denied. No token provided.' });
  });

  it('answers 401 "Invalid token." for a forged, expired, malformed or unknown-user token', async () => {
    const tokens = [
      signToken({ userId: USERS.maya.userId, email: USERS.maya.email }, 'someone-elses-key'),
      sim.issueToken(USERS.maya, { expiresInSeconds: -1 }),
      'definitely-not-a-jwt',
      sim.issueToken({ userId: 'nobody', email: 'nobody@example.com' }),
    ];
    for (const token of tokens) {
      const answer = await call(sim, 'GET', '/api/v1/trade/orders', { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'Invalid token.' });
    }
  });

  it('accepts a standard JWT naming its user by sub, and an opaque token it issued until that expires', async () => {
    expect((await call(sim, 'GET', '/api/v1/balance', { token: sim.issueToken(USERS.noor, { form: 'subject' }) })).status).toBe(200);
    const opaque = sim.issueToken(USERS.noor, { form: 'opaque' });
    expect(opaque.split('.')).toHaveLength(1);
    expect((await call(sim, 'GET', '/api/v1/balance', { token: opaque })).status).toBe(200);
    expect((await call(sim, 'GET', '/api/v1/balance', { token: sim.issueToken(USERS.noor, { form: 'opaque', expiresInSeconds: -1 }) })).status).toBe(401);
    expect((await call(sim, 'GET', '/api/v1/balance', { token: `${opaque}x` })).status).toBe(401);
  });

  it('accepts a token that has not expired yet', async () => {
    expect((await call(sim, 'GET', '/api/v1/balance', { token: sim.issueToken(USERS.noor, { expiresInSeconds: 60 }) })).status).toBe(200);
  });

  it('answers an unknown path with Express\'s HTML 404 before looking at the token', async () => {
    const answer = await call(sim, 'GET', '/api/v1/trade/positions', { token: null });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toContain('<pre>Cannot GET /api/v1/trade/positions</pre>');
    expect((await call(sim, 'DELETE', '/api/v1/balance')).text).toContain('Cannot DELETE /api/v1/balance');
  });

  it('records requests with the Authorization header redacted', async () => {
    await call(sim, 'GET', '/api/v1/balance');
    expect(sim.requests.at(-1)?.headers.authorization).toBe('REDACTED');
    expect(JSON.stringify(sim.requests)).not.toContain(sim.secret);
  });
});
