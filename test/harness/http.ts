import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/database.ts';
import { SESSION_HOURS } from '../../src/server/modules/auth/auth.ts';

/** A signed-in browser session for inject()-based API tests. */
export interface Session {
  cookie: string;
  csrf: string;
}

// API tests move their clocks by hours (to expire a grant) between requests of one session; the idle
// timeout is left at the session's full length here and tested on its own (auth/sign-in.test.ts).
const TEST_SESSION_IDLE_MINUTES = SESSION_HOURS * 60;

/** Builds the app without the web bundle and with quiet logs. */
export function testApp(database: Database, clock?: () => Date): Promise<FastifyInstance> {
  return buildApp({
    database,
    logLevel: 'silent',
    web: false,
    sessionIdleMinutes: TEST_SESSION_IDLE_MINUTES,
    ...(clock ? { clock } : {}),
  });
}

/** Signs in through the API and returns the cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = 'correct horse battery',
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed with ${res.statusCode}: ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'accord_session');
  if (!setCookie) throw new Error('no session cookie');
  return { cookie: `accord_session=${setCookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** Sends a request as a session (with the CSRF header on writes). */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}
