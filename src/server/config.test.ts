import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_SESSION_IDLE_MINUTES, loadConfig } from './config.ts';

it('reads the trusted proxy and the session idle time, refusing unusable values by name', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.trustedProxy, null);
  assert.equal(defaults.sessionIdleMinutes, DEFAULT_SESSION_IDLE_MINUTES);
  assert.equal(defaults.production, false);
  const set = loadConfig({
    ACCORD_TRUSTED_PROXY: ' 10.0.0.1 ',
    ACCORD_SESSION_IDLE_MINUTES: '15',
    NODE_ENV: 'production',
  });
  assert.equal(set.trustedProxy, '10.0.0.1');
  assert.equal(set.sessionIdleMinutes, 15);
  assert.equal(set.production, true);
  for (const bad of ['0', '-5', 'half an hour', '1.5', '100000'])
    assert.throws(
      () => loadConfig({ ACCORD_SESSION_IDLE_MINUTES: bad }),
      /ACCORD_SESSION_IDLE_MINUTES must be a whole number of minutes/,
    );
});
