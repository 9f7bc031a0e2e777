import { ChildProcess, spawn } from 'node:child_process';
import { redisAnswers } from '../scripts/services';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A redis-server of the spec's own on `port` (no persistence), once it answers at `url`. */
export async function startRedisServer(port: number, url: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (const until = Date.now() + 15_000; Date.now() < until;) {
    if (await redisAnswers(url)) return child;
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer');
}

/** Kills it (SIGKILL: an outage, not a shutdown) and waits until it has gone. */
export async function stopRedisServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
