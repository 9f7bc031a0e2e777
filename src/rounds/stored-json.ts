import { createHash } from 'node:crypto';
import type { MatchInput, MatchOutput } from '../matching';
import {
  canonicalJson,
  RoundReport,
  skippedChoices,
  SnapshotOffer,
  SnapshotRequest,
} from './engine-input';
import type { StoredRound } from './rounds.repository';

/**
 * Pupils written per step: ~400 kB of JSON, a few milliseconds. Short steps also let the event
 * loop flush the statements' parameters (tens of MB at 200k pupils) to the socket sooner.
 */
const PUPILS_PER_STEP = 1_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The JSON a round keeps, built in steps with a turn of the event loop between them: the round's
 * transaction sends its next statement as soon as the previous one is done, instead of waiting
 * for a whole ~80 MB JSON.stringify (seconds at 200k pupils). The input is written once,
 * canonically (what its hash is taken of), and stored as that same text.
 */
export async function storedJson(
  input: MatchInput,
  output: MatchOutput,
  report: RoundReport,
  requests: SnapshotRequest[],
  offers: SnapshotOffer[],
): Promise<StoredRound> {
  const { json: inputJson, hash: inputHash } = await canonicalInput(input);
  const outputJson = await jsonInSteps(output);
  await turn();
  const skipped = JSON.stringify(skippedChoices(requests, offers));
  return {
    input: inputJson,
    inputHash,
    output: outputJson,
    report: JSON.stringify(report),
    skipped,
  };
}

/**
 * canonicalJson(input) and its sha256, the pupils a slice at a time. A slice's canonical JSON is
 * its part of the whole one (canonicalJson writes an array element by element).
 */
export async function canonicalInput(input: MatchInput): Promise<{ json: string; hash: string }> {
  const marker = '"pupils":[]';
  const frame = canonicalJson({ ...input, pupils: [] });
  const at = frame.indexOf(marker);
  if (at < 0 || frame.indexOf(marker, at + 1) >= 0) throw new Error('unexpected engine input');
  const parts = [frame.slice(0, at + marker.length - 1)];
  for (let i = 0; i < input.pupils.length; i += PUPILS_PER_STEP) {
    await turn();
    const slice = canonicalJson(input.pupils.slice(i, i + PUPILS_PER_STEP));
    parts.push(i ? ',' : '', slice.slice(1, -1));
  }
  parts.push(frame.slice(at + marker.length - 1));
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  await turn();
  return { json: parts.join(''), hash: hash.digest('hex') };
}

/**
 * JSON.stringify(value) for an object of plain objects and values (as the engine's output is), the
 * members of a large inner object (assignments, lottery: one per pupil) a slice at a time.
 */
export async function jsonInSteps(value: object): Promise<string> {
  const parts: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const members: string[] = [];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const o = inner as Record<string, unknown>;
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i += PUPILS_PER_STEP) {
        if (keys.length > PUPILS_PER_STEP) await turn();
        for (const k of keys.slice(i, i + PUPILS_PER_STEP)) {
          const v = JSON.stringify(o[k]);
          if (v !== undefined) members.push(`${JSON.stringify(k)}:${v}`);
        }
      }
      parts.push(`${JSON.stringify(key)}:{${members.join(',')}}`);
    } else {
      const v = JSON.stringify(inner);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
  }
  return `{${parts.join(',')}}`;
}
