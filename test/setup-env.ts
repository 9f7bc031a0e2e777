// global-setup has put this run's DATABASE_URL, REDIS_URL and REDIS_PREFIX in process.env.
jest.setTimeout(30000);
