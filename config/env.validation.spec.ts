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
