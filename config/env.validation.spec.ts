import { logLevels, validateEnv } from './env.validation';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/overstap');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.NODE_ENV).toBe('development');
  });

  it('reads PORT as a number', () => {
    expect(validateEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('names a malformed variable', () => {
    expect(() => validateEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => validateEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => validateEnv({ REDIS_URL: 'localhost' })).toThrow(/REDIS_URL/);
    expect(() => validateEnv({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('keeps pupil data two years by default, erased nightly; refuses a bad period or schedule', () => {
    expect(validateEnv({}).RETENTION_YEARS).toBe(2);
    expect(validateEnv({}).RETENTION_SCHEDULE).toBe('30 2 * * *');
    expect(validateEnv({ RETENTION_YEARS: '5' }).RETENTION_YEARS).toBe(5);
    expect(validateEnv({ RETENTION_SCHEDULE: 'off' }).RETENTION_SCHEDULE).toBe('off');
    expect(validateEnv({ RETENTION_SCHEDULE: '0 3 * * 1-5' }).RETENTION_SCHEDULE).toBe(
      '0 3 * * 1-5',
    );
    expect(() => validateEnv({ RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS/);
    expect(() => validateEnv({ RETENTION_YEARS: '1.5' })).toThrow(/RETENTION_YEARS/);
    expect(() => validateEnv({ RETENTION_SCHEDULE: 'nightly' })).toThrow(/RETENTION_SCHEDULE/);
  });

  it('leaves /metrics and the worker port off unless set; refuses a short token', () => {
    expect(validateEnv({}).METRICS_TOKEN).toBeUndefined();
    // docker-compose.yml passes an unset one as empty.
    expect(validateEnv({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
    expect(validateEnv({}).WORKER_PORT).toBeUndefined();
    expect(validateEnv({ WORKER_PORT: '' }).WORKER_PORT).toBeUndefined();
    expect(validateEnv({ WORKER_PORT: '3001' }).WORKER_PORT).toBe(3001);
    expect(() => validateEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => validateEnv({ WORKER_PORT: 'x' })).toThrow(/WORKER_PORT/);
  });

  it("takes a dead worker's round over after a 30 s lock, and reconciles rounds every 30 s", () => {
    expect(validateEnv({}).ROUND_LOCK_MS).toBe(30_000);
    expect(validateEnv({}).ROUND_RECONCILE_MS).toBe(30_000);
    expect(validateEnv({ ROUND_RECONCILE_MS: '1000' }).ROUND_RECONCILE_MS).toBe(1000);
    expect(() => validateEnv({ ROUND_RECONCILE_MS: '0' })).toThrow(/ROUND_RECONCILE_MS/);
    expect(() => validateEnv({ ROUND_LOCK_MS: 'soon' })).toThrow(/ROUND_LOCK_MS/);
  });

  it('relays the outbox every 5 s', () => {
    expect(validateEnv({}).OUTBOX_RELAY_MS).toBe(5_000);
    expect(validateEnv({ OUTBOX_RELAY_MS: '500' }).OUTBOX_RELAY_MS).toBe(500);
    expect(() => validateEnv({ OUTBOX_RELAY_MS: '0' })).toThrow(/OUTBOX_RELAY_MS/);
  });

  it('refuses the development secret in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('turns LOG_LEVEL into the levels it writes, and refuses an unknown one', () => {
    expect(validateEnv({}).LOG_LEVEL).toBe('log');
    expect(logLevels('error')).toEqual(['fatal', 'error']);
    expect(logLevels('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevels('log')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevels('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
    expect(() => validateEnv({ LOG_LEVEL: 'info' })).toThrow(/LOG_LEVEL/);
  });
});
