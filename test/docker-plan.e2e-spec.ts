import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dockerPlan } from '../scripts/docker-plan';

/**
 * The container without a Docker engine (none runs on the build machines): the Dockerfile's COPY
 * plan against the repository, the runtime packages as its `npm ci` installs them (dry run), and
 * the compose file. Each broken variant below must be caught.
 */
describe('docker plan (npm run docker:plan)', () => {
  jest.setTimeout(120_000);
  const root = path.resolve(__dirname, '..');
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
  const quick = { install: false, compose: false };
  const edit = (from: string | RegExp, to: string) => {
    const out = dockerfile.replace(from, to);
    expect(out).not.toBe(dockerfile);
    return out;
  };

  it('finds nothing wrong with the repository as it is, and lists the image', () => {
    const plan = dockerPlan(root);
    expect(plan.problems).toEqual([]);
    expect(plan.image.join('\n')).toMatch(/\/app\/node_modules\s+<- stage deps/);
    expect(plan.image.join('\n')).toMatch(/\/app\/dist\s+<- stage build/);
    expect(plan.image.join('\n')).toMatch(/\/app\/web\/dist\s+<- stage build/);
    expect(plan.notes.join('\n')).toMatch(/runtime packages \(npm ci --omit=dev.*dry run\): \d+/);
  });

  it('catches a file: dependency not copied before npm ci, and a COPY of nothing', () => {
    // The repository has no file: dependency now (vendor/ is gone); one is added for the check.
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    pkg.dependencies['some-stub'] = 'file:vendor/some-stub';
    const noVendor = dockerPlan(root, { 'package.json': JSON.stringify(pkg) }, quick).problems;
    expect(noVendor).toContainEqual(
      expect.stringMatching(/file:vendor\/some-stub is not copied before npm ci/),
    );
    const missing = dockerPlan(
      root,
      {
        Dockerfile: edit(
          'COPY package.json package-lock.json ./\n',
          'COPY package.json package-lock.json ./\nCOPY vendor-gone ./vendor\n',
        ),
      },
      quick,
    ).problems;
    expect(missing).toContainEqual(
      expect.stringMatching(/COPY vendor-gone: not in the repository/),
    );
  });

  it('catches ts-node and TypeScript in the runtime packages (npm installs optional peers)', () => {
    const problems = dockerPlan(
      root,
      { Dockerfile: edit('--omit=dev --omit=optional', '--omit=dev') },
      { install: true, compose: false },
    ).problems;
    expect(problems).toContainEqual('runtime packages include ts-node');
    expect(problems).toContainEqual('runtime packages include typescript');
  });

  it('catches a root user, a ts-node start, and a compose whose worker does not wait for readiness', () => {
    const problems = dockerPlan(
      root,
      {
        Dockerfile: edit('USER node\n', '').replace(
          /CMD \["sh".*\]/,
          'CMD ["npx", "ts-node", "src/main.ts"]',
        ),
        'docker-compose.yml': compose
          .replace('api: { condition: service_healthy }', 'api: { condition: service_started }')
          .replace('/health/ready', '/health'),
      },
      quick,
    ).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'runtime: runs as root (no USER)',
        'runtime: starts through ts-node',
        'compose: the worker does not wait for the API to be healthy',
        "compose: the API's health check is not its readiness (/health/ready)",
      ]),
    );
  });
});
