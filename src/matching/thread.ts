/**
 * solve() on a worker thread, so that a large round's mechanism, checks and cutoffs run while
 * match() builds the output objects on the caller's thread (putting a million pupil ids into V8's
 * string table takes longer than the mechanism). match() stays synchronous: the caller blocks in
 * Atomics.wait and takes the reply with receiveMessageOnPort, without its event loop.
 *
 * Any failure — the thread does not start within START_TIMEOUT_MS, cannot load solve(), solve()
 * throws (a failed check), or no answer within THREAD_TIMEOUT_MS — gives undefined, and match()
 * solves on its own thread: the result is the same, and a failed check is thrown there with pupil
 * and program names. A blocked caller cannot hear the Worker's 'error' event, so the thread
 * reports through a shared flag: STARTED as its first statement, DONE with the reply.
 */
import { extname, join } from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import type { Market } from './core';
import type { Solution } from './solve';
import type { Mechanism } from './types';

/** A thread starts in ~30 ms (its first statement, before it loads the engine). */
const START_TIMEOUT_MS = 10_000;
/** Far beyond any real round (1M pupils × 12 choices solve in 0.3–1.1 s). */
const THREAD_TIMEOUT_MS = 120_000;
const STARTED = 2;
const DONE = 1;

/**
 * The thread's code. Plain JavaScript, so it also runs where the engine is TypeScript (ts-node,
 * Jest): it then registers ts-node first, with the project's tsconfig.json.
 */
const BOOT = `
const { workerData } = require('worker_threads');
const { port, flag, solver, tsNode } = workerData;
const state = new Int32Array(flag);
Atomics.store(state, 0, ${STARTED});
Atomics.notify(state, 0);
const done = (reply, transfer) => {
  port.postMessage(reply, transfer);
  port.close();
  Atomics.store(state, 0, ${DONE});
  Atomics.notify(state, 0);
};
try {
  if (tsNode) require(tsNode.module).register({ transpileOnly: true, project: tsNode.project });
  const { solve } = require(solver);
  port.once('message', ({ market, mechanism, check, ranks }) => {
    try {
      const s = solve(market, mechanism, check, ranks);
      done({ solution: s }, [s.assigned.buffer, s.worstPupil.buffer, s.worstClass.buffer]);
    } catch {
      done({ failed: true });
    }
  });
} catch {
  done({ failed: true });
}
`;

export class SolverThread {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
  ) {}

  /** Start a thread now, so that it loads solve() while the input compiles; undefined if it cannot. */
  static start(): SolverThread | undefined {
    try {
      const ext = extname(__filename);
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(BOOT, {
        eval: true,
        workerData: {
          port: port2,
          flag: flag.buffer,
          solver: join(__dirname, `solve${ext}`),
          tsNode:
            ext === '.ts'
              ? {
                  module: require.resolve('ts-node'),
                  project: join(__dirname, '../../tsconfig.json'),
                }
              : undefined,
        },
        transferList: [port2],
        // The caller's preloads (-r …) need not be safe in a thread; the engine needs none.
        execArgv: [],
      });
      // Failures arrive through the flag; an 'error' event without a listener would throw.
      worker.on('error', () => undefined);
      worker.unref();
      return new SolverThread(worker, port1, flag);
    } catch {
      return undefined;
    }
  }

  /**
   * Hand over the market. Its arrays on SharedArrayBuffers (compileInput's `shared`) are shared,
   * not copied, and the caller must not change them until result(); `ranks` (4 MB at 1M) is
   * copied.
   */
  submit(m: Market, mechanism: Mechanism, check: boolean, ranks: Int32Array): void {
    this.port.postMessage({ market: m, mechanism, check, ranks });
  }

  /** Wait for the solution; undefined when the thread failed (see above). */
  result(): Solution | undefined {
    Atomics.wait(this.flag, 0, 0, START_TIMEOUT_MS);
    if (Atomics.load(this.flag, 0) === STARTED) {
      Atomics.wait(this.flag, 0, STARTED, THREAD_TIMEOUT_MS);
    }
    const reply = receiveMessageOnPort(this.port)?.message as { solution?: Solution } | undefined;
    this.stop();
    return reply?.solution;
  }

  /** Let the thread go (it ends by itself once it has replied). */
  stop(): void {
    this.port.close();
    if (Atomics.load(this.flag, 0) !== DONE) this.worker.terminate().catch(() => undefined);
  }
}
