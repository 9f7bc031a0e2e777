/**
 * The matching core on dense integer ids and typed arrays: no objects per pupil or per proposal.
 *
 * Pupils are 0..n-1 in lottery order: pupil p has lottery rank p + 1 (compileInput numbers them so).
 * Programs are 0..m-1. The preference lists of all pupils are concatenated:
 * pupil p's list is prefProgram[prefStart[p] .. prefStart[p+1]), best first, and prefClass[t] is
 * p's priority class at prefProgram[t] (dense: 0 = strongest; `noPriorityClass` = none, the weakest).
 * A pupil's assignment is kept as the global index t of the list entry (or -1), so "prefers x to
 * the current program" is simply "x's entry index < current entry index".
 *
 * A program ranks pupils by key = class * (n + 1) + lotteryRank (lower is better). Keys are exact
 * doubles (class ≤ total preferences and n ≤ a few million keep them far below 2^53).
 */
import { MatchCheckError } from './types';

/**
 * Program of each list entry: 16 bits when there are at most 65,536 programs. Narrow arrays halve
 * the memory of the largest arrays, and keep a large round from pushing V8 into a full garbage
 * collection of the caller's (large) heap because of external memory.
 */
export type ProgramArray = Uint16Array | Int32Array;
/** Dense priority class of each list entry: 8 bits for up to 255 priority values (+ none). */
export type ClassArray = Uint8Array | Int32Array;

export interface Market {
  nPupils: number;
  nPrograms: number;
  /** Seats per program. */
  capacity: Int32Array;
  /** Length nPupils + 1. */
  prefStart: Int32Array;
  /** Program of each list entry. */
  prefProgram: ProgramArray;
  /** Dense priority class of the pupil at that entry's program; `noPriorityClass` when none. */
  prefClass: ClassArray;
  /** The class that means "no priority" (all given classes are below it). */
  noPriorityClass: number;
}

export interface CoreResult {
  /** Final assignment per pupil as a list-entry index, -1 when unplaced. */
  choice: Int32Array;
  /** Assignment under DA_STB (the same array as `choice` for DA_STB). */
  daChoice: Int32Array;
  /** Number of SIC passes (0 for DA_STB). */
  sicRounds: number;
  /** Number of stable improvement cycles carried out. */
  cycles: number;
  /** Pupils strictly better off than under DA_STB. */
  improvedByCycles: number;
}

/** Optional names for check-failure messages. */
export interface Namer {
  pupil(i: number): string;
  program(s: number): string;
}

const defaultNamer: Namer = {
  pupil: (i) => `pupil #${i}`,
  program: (s) => `program #${s}`,
};

/**
 * Student-proposing deferred acceptance (McVitie–Wilson order: each pupil proposes in turn and a
 * rejected pupil continues at once). Each program keeps the pupils it holds in a binary max-heap on
 * key inside one shared pool, so a proposal costs O(log capacity) and allocates nothing.
 * Returns the list-entry index per pupil (-1 = unplaced).
 */
export function deferredAcceptance(m: Market): Int32Array {
  const n = m.nPupils;
  const np = m.nPrograms;
  const prefStart = m.prefStart;
  const prog = m.prefProgram;
  const cls = m.prefClass;
  const total = prefStart[n];
  const mult = n + 1;

  // Seats that can ever be used: min(capacity, applicants). Keeps the pool small even for absurd
  // capacities.
  const applicants = new Int32Array(np);
  for (let t = 0; t < total; t++) applicants[prog[t]]++;
  const heapStart = new Int32Array(np + 1);
  for (let s = 0; s < np; s++) {
    const c = m.capacity[s] < applicants[s] ? m.capacity[s] : applicants[s];
    heapStart[s + 1] = heapStart[s] + c;
  }
  const poolSize = heapStart[np];
  // Keys fit in 32 bits unless there are very many distinct priority values; Int32 keys halve the
  // pool's memory traffic.
  const heapKey =
    (m.noPriorityClass + 1) * mult <= 0x7fffffff
      ? new Int32Array(poolSize)
      : new Float64Array(poolSize);
  const heapPupil = new Int32Array(poolSize);
  const size = new Int32Array(np);

  const choice = new Int32Array(n).fill(-1);

  // Pupils start proposing in internal (lottery) order (sequential memory access; the result does
  // not depend on the order).
  for (let p0 = 0; p0 < n; p0++) {
    let p = p0;
    // A rejected pupil goes on from the entry after the one they held.
    let t = prefStart[p];
    while (p >= 0) {
      const end = prefStart[p + 1];
      const lp = p + 1; // lottery rank
      let rejected = -1;
      let resume = 0;
      for (; t < end; t++) {
        const s = prog[t];
        const base = heapStart[s];
        const cap = heapStart[s + 1] - base;
        if (cap === 0) continue;
        const key = cls[t] * mult + lp;
        const sz = size[s];
        if (sz < cap) {
          // Free seat: push and sift up.
          let i = sz;
          while (i > 0) {
            const parent = (i - 1) >> 1;
            const pk = heapKey[base + parent];
            if (pk >= key) break;
            heapKey[base + i] = pk;
            heapPupil[base + i] = heapPupil[base + parent];
            i = parent;
          }
          heapKey[base + i] = key;
          heapPupil[base + i] = p;
          size[s] = sz + 1;
          choice[p] = t;
          break;
        }
        if (key < heapKey[base]) {
          // Full, but better than the weakest held: replace the root and sift down.
          rejected = heapPupil[base];
          resume = choice[rejected] + 1;
          choice[rejected] = -1;
          let i = 0;
          for (;;) {
            const l = 2 * i + 1;
            if (l >= cap) break;
            let c = l;
            let ck = heapKey[base + l];
            const r = l + 1;
            if (r < cap) {
              const rk = heapKey[base + r];
              if (rk > ck) {
                c = r;
                ck = rk;
              }
            }
            if (ck <= key) break;
            heapKey[base + i] = ck;
            heapPupil[base + i] = heapPupil[base + c];
            i = c;
          }
          heapKey[base + i] = key;
          heapPupil[base + i] = p;
          choice[p] = t;
          break;
        }
      }
      p = rejected;
      t = resume;
    }
  }
  return choice;
}

/**
 * best[s] = the strongest class among pupils who desire s (strictly prefer s to their assignment;
 * an unplaced pupil desires every program on their list); noPriorityClass + 1 when no one does.
 */
function computeBestDesirer(m: Market, choice: Int32Array, best: Int32Array): void {
  const n = m.nPupils;
  const prefStart = m.prefStart;
  const prog = m.prefProgram;
  const cls = m.prefClass;
  best.fill(m.noPriorityClass + 1);
  for (let p = 0; p < n; p++) {
    const c = choice[p];
    const stop = c < 0 ? prefStart[p + 1] : c;
    for (let t = prefStart[p]; t < stop; t++) {
      const s = prog[t];
      if (cls[t] < best[s]) best[s] = cls[t];
    }
  }
}

/** Placed pupils grouped per program (CSR), each group in lottery order. */
function groupMembers(
  m: Market,
  choice: Int32Array,
  memberStart: Int32Array,
  members: Int32Array,
): void {
  const n = m.nPupils;
  const np = m.nPrograms;
  const prog = m.prefProgram;
  memberStart.fill(0);
  for (let p = 0; p < n; p++) {
    const c = choice[p];
    if (c >= 0) memberStart[prog[c] + 1]++;
  }
  for (let s = 0; s < np; s++) memberStart[s + 1] += memberStart[s];
  const fill = memberStart.slice(0, np);
  for (let p = 0; p < n; p++) {
    const c = choice[p];
    if (c >= 0) members[fill[prog[c]]++] = p;
  }
}

/**
 * Stable improvement cycles (Erdil & Ergin 2008), carried out in place on `choice` until none is
 * left. A pupil i "desires" program s when i prefers s to their assignment; D_s is the set of
 * desirers of s with the strongest priority class among all desirers of s (classes only, not
 * lottery). A stable improvement cycle is a cycle of placed pupils i1 → i2 → … → i1 where each
 * ik is in D of i(k+1)'s program; moving each ik to i(k+1)'s program keeps stability and makes all
 * of them better off.
 *
 * Each pass works on the program graph: edge a → s, labelled with pupil i, when i is placed at a
 * and i ∈ D_s. The pass computes D (the strongest desiring class per program), lays the edges out
 * per source program (counting sort, pupils in lottery order), and runs one depth-first search
 * that carries out each cycle as soon as it finds it. Why edges stay valid during the pass: pupils only
 * improve, so desirer sets only shrink, and a member of D_s stays in D_s as long as they still
 * desire s. Edges of pupils who moved in this pass are skipped; the programs of a cycle go back to
 * "unvisited" (keeping their edge position), so further cycles through them are found in the same
 * pass. Each edge is looked at once per pass. Passes repeat until one finds no cycle; then the
 * search was complete on the true graph, so no stable improvement cycle is left.
 */
export function stableImprovementCycles(
  m: Market,
  choice: Int32Array,
): { rounds: number; cycles: number } {
  const n = m.nPupils;
  const np = m.nPrograms;
  const prefStart = m.prefStart;
  const prog = m.prefProgram;
  const cls = m.prefClass;

  const best = new Int32Array(np);
  const edgeStart = new Int32Array(np + 1);
  let edgeCap = 0;
  let edgePupil = new Int32Array(0);
  let edgeEntry = new Int32Array(0);
  let edgeTarget = new Int32Array(0);
  const moved = new Uint8Array(n);
  const color = new Uint8Array(np); // 0 unvisited, 1 on the stack, 2 finished
  const stack = new Int32Array(np);
  const stackPos = new Int32Array(np);
  const viaPupil = new Int32Array(np);
  const viaEntry = new Int32Array(np);
  const itEdge = new Int32Array(np);

  let rounds = 0;
  let totalCycles = 0;
  for (;;) {
    rounds++;
    computeBestDesirer(m, choice, best);

    // Edges per source program: count, prefix sums, fill.
    edgeStart.fill(0);
    for (let p = 0; p < n; p++) {
      const c = choice[p];
      if (c < 0) continue;
      let k = 0;
      for (let t = prefStart[p]; t < c; t++) if (cls[t] === best[prog[t]]) k++;
      edgeStart[prog[c] + 1] += k;
    }
    for (let s = 0; s < np; s++) edgeStart[s + 1] += edgeStart[s];
    const edges = edgeStart[np];
    if (edges > edgeCap) {
      edgeCap = Math.max(edges, Math.ceil(edgeCap * 1.5));
      edgePupil = new Int32Array(edgeCap);
      edgeEntry = new Int32Array(edgeCap);
      edgeTarget = new Int32Array(edgeCap);
    }
    for (let s = 0; s < np; s++) itEdge[s] = edgeStart[s];
    for (let p = 0; p < n; p++) {
      const c = choice[p];
      if (c < 0) continue;
      const a = prog[c];
      for (let t = prefStart[p]; t < c; t++) {
        const s = prog[t];
        if (cls[t] === best[s]) {
          const e = itEdge[a]++;
          edgePupil[e] = p;
          edgeEntry[e] = t;
          edgeTarget[e] = s;
        }
      }
    }
    for (let s = 0; s < np; s++) itEdge[s] = edgeStart[s];
    moved.fill(0);
    color.fill(0);

    let cycles = 0;
    for (let root = 0; root < np; root++) {
      if (color[root] !== 0 || edgeStart[root] === edgeStart[root + 1]) continue;
      let sp = 0;
      stack[sp] = root;
      stackPos[root] = sp;
      color[root] = 1;
      sp++;
      while (sp > 0) {
        const a = stack[sp - 1];
        // Next usable edge out of a.
        let e = itEdge[a];
        const end = edgeStart[a + 1];
        while (e < end && (moved[edgePupil[e]] !== 0 || color[edgeTarget[e]] === 2)) e++;
        if (e === end) {
          itEdge[a] = e;
          color[a] = 2;
          sp--;
          continue;
        }
        itEdge[a] = e + 1;
        const target = edgeTarget[e];
        viaPupil[sp - 1] = edgePupil[e];
        viaEntry[sp - 1] = edgeEntry[e];
        if (color[target] === 0) {
          stack[sp] = target;
          stackPos[target] = sp;
          color[target] = 1;
          sp++;
        } else {
          // target is on the stack: carry out the cycle stack[q..sp-1].
          const q = stackPos[target];
          for (let k = q; k < sp; k++) {
            const i = viaPupil[k];
            choice[i] = viaEntry[k];
            moved[i] = 1;
            color[stack[k]] = 0;
          }
          sp = q;
          cycles++;
        }
      }
    }
    totalCycles += cycles;
    if (cycles === 0) break;
  }
  return { rounds, cycles: totalCycles };
}

/** Run a mechanism on the market. */
export function runCore(m: Market, mechanism: 'DA_STB' | 'DA_STB_SIC'): CoreResult {
  const daChoice = deferredAcceptance(m);
  if (mechanism === 'DA_STB') {
    return { choice: daChoice, daChoice, sicRounds: 0, cycles: 0, improvedByCycles: 0 };
  }
  const choice = daChoice.slice();
  const { rounds, cycles } = stableImprovementCycles(m, choice);
  let improved = 0;
  for (let p = 0; p < m.nPupils; p++) if (choice[p] !== daChoice[p]) improved++;
  return { choice, daChoice, sicRounds: rounds, cycles, improvedByCycles: improved };
}

/**
 * Re-check a result; throws MatchCheckError naming the first violation.
 * - every assignment is an entry of the pupil's own list, and no program is over capacity;
 * - no wasted seat: no pupil desires a program with a free seat;
 * - stability: no pupil desires a program holding someone weaker — by full key (class, then
 *   lottery) when `strict` (DA_STB), by priority class only otherwise (after SIC);
 * - with `daChoice`: no pupil is worse off than under DA_STB, and no stable improvement cycle is
 *   left (checked independently of the SIC search, by Kahn's topological sort of the program graph).
 * All O(total preferences).
 */
export function checkResult(
  m: Market,
  choice: Int32Array,
  options: { strict: boolean; daChoice?: Int32Array; namer?: Namer },
): void {
  const namer = options.namer ?? defaultNamer;
  const n = m.nPupils;
  const np = m.nPrograms;
  const prefStart = m.prefStart;
  const prog = m.prefProgram;
  const cls = m.prefClass;
  const mult = n + 1;
  const fail = (msg: string): never => {
    throw new MatchCheckError(`result check failed: ${msg}`);
  };

  const count = new Int32Array(np);
  const worst = new Float64Array(np).fill(-1);
  for (let p = 0; p < n; p++) {
    const t = choice[p];
    if (t === -1) continue;
    if (t < prefStart[p] || t >= prefStart[p + 1]) {
      fail(`${namer.pupil(p)} is placed at a program they did not list`);
    }
    const s = prog[t];
    count[s]++;
    const key = options.strict ? cls[t] * mult + p + 1 : cls[t];
    if (key > worst[s]) worst[s] = key;
  }
  for (let s = 0; s < np; s++) {
    if (count[s] > m.capacity[s]) {
      fail(`${namer.program(s)} holds ${count[s]} pupils for ${m.capacity[s]} seats`);
    }
  }
  for (let p = 0; p < n; p++) {
    const c = choice[p];
    const stop = c < 0 ? prefStart[p + 1] : c;
    for (let t = prefStart[p]; t < stop; t++) {
      const s = prog[t];
      if (count[s] < m.capacity[s]) {
        fail(`${namer.pupil(p)} prefers ${namer.program(s)}, which has a free seat`);
      }
      const key = options.strict ? cls[t] * mult + p + 1 : cls[t];
      if (key < worst[s]) {
        fail(`${namer.pupil(p)} prefers ${namer.program(s)} and outranks a pupil placed there`);
      }
    }
  }

  const da = options.daChoice;
  if (!da) return;
  for (let p = 0; p < n; p++) {
    if (da[p] >= 0 && (choice[p] < 0 || choice[p] > da[p])) {
      fail(`${namer.pupil(p)} is worse off than under DA_STB`);
    }
  }

  // No stable improvement cycle: the program graph (a → s when a pupil placed at a is in D_s)
  // must be acyclic.
  const best = new Int32Array(np);
  computeBestDesirer(m, choice, best);
  const indeg = new Int32Array(np);
  const memberStart = new Int32Array(np + 1);
  const members = new Int32Array(n);
  groupMembers(m, choice, memberStart, members);
  const forEdge = (a: number, f: (s: number) => void): void => {
    for (let k = memberStart[a]; k < memberStart[a + 1]; k++) {
      const i = members[k];
      for (let t = prefStart[i]; t < choice[i]; t++) {
        if (cls[t] === best[prog[t]]) f(prog[t]);
      }
    }
  };
  for (let a = 0; a < np; a++) forEdge(a, (s) => indeg[s]++);
  const queue = new Int32Array(np);
  let head = 0;
  let tail = 0;
  for (let s = 0; s < np; s++) if (indeg[s] === 0) queue[tail++] = s;
  while (head < tail) {
    const a = queue[head++];
    forEdge(a, (s) => {
      if (--indeg[s] === 0) queue[tail++] = s;
    });
  }
  if (tail < np) {
    let s = 0;
    while (indeg[s] === 0) s++;
    fail(`a stable improvement cycle is left through ${namer.program(s)}`);
  }
}

/**
 * Per program the weakest placed pupil (highest key) with their class there, -1 when no one is
 * placed; and the totals placed and placed at their first choice.
 */
export function computeCutoffs(
  m: Market,
  choice: Int32Array,
): { placed: number; firstChoice: number; worstPupil: Int32Array; worstClass: Int32Array } {
  const n = m.nPupils;
  const np = m.nPrograms;
  const mult = n + 1;
  let placed = 0;
  let firstChoice = 0;
  const worstPupil = new Int32Array(np).fill(-1);
  const worstClass = new Int32Array(np).fill(-1);
  const worstKey = new Float64Array(np).fill(-1);
  for (let p = 0; p < n; p++) {
    const t = choice[p];
    if (t < 0) continue;
    const s = m.prefProgram[t];
    placed++;
    if (t === m.prefStart[p]) firstChoice++;
    const key = m.prefClass[t] * mult + p + 1;
    if (key > worstKey[s]) {
      worstKey[s] = key;
      worstPupil[s] = p;
      worstClass[s] = m.prefClass[t];
    }
  }
  return { placed, firstChoice, worstPupil, worstClass };
}
