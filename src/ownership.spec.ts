import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

/**
 * Each rule has one owner (issue 19): only the request lifecycle writes a request's status, only
 * place accounting writes an offer's placed/pending counters. This reads every source file and
 * names the places that write them elsewhere.
 */
const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

const FILES = ['src', 'workers', 'scripts'].flatMap((d) => sources(join(ROOT, d)));

/** Each SQL `update <table> … set …` statement (up to its where/returning/end) in the file. */
function updates(text: string, table: string): string[] {
  const re = new RegExp(
    `update\\s+${table}\\b(?:\\s+\\w+)?\\s+set\\b([\\s\\S]*?)(?:\\bwhere\\b|\\breturning\\b|\`|$)`,
    'gi',
  );
  return [...text.matchAll(re)].map((m) => m[1]);
}

function writers(test: (text: string) => boolean, owner: string): string[] {
  return FILES.filter((f) => relative(ROOT, f) !== owner && test(readFileSync(f, 'utf8'))).map(
    (f) => relative(ROOT, f),
  );
}

const STATUS = `'(draft|submitted|proposed|mediation|placed|withdrawn)'`;

/** SQL, an entity's property set to a request status, or a TypeORM write with a status in it. */
function writesRequestStatus(t: string): boolean {
  return (
    updates(t, 'transfer_requests').some((set) => /(^|[\s,])status\s*=/.test(set)) ||
    new RegExp(`^\\s*[\\w.]+\\.status\\s*=\\s*${STATUS}\\s*;`, 'm').test(t) ||
    /(getRepository\(TransferRequest\)\s*\.(save|update|insert)|update\(TransferRequest\)\s*\.set)\([^;]*?\bstatus\s*:/.test(
      t,
    )
  );
}

/** SQL, or an Offer entity's counters changed in code and saved. */
function writesPlaceCounters(t: string): boolean {
  return (
    updates(t, 'offers').some((set) => /(^|[\s,])(placed|pending)\s*=/.test(set)) ||
    (/(getRepository\(Offer\)|Repository<Offer>)/.test(t) &&
      (/\.(placed|pending)\s*(\+\+|--|[-+]?=[^=])/.test(t) ||
        /\.(increment|decrement)\([^)]*['"](placed|pending)['"]/.test(t)))
  );
}

describe('one owner for each rule', () => {
  it('only src/transfer-requests/lifecycle.ts writes a request status', () => {
    expect(writers(writesRequestStatus, 'src/transfer-requests/lifecycle.ts')).toEqual([]);
  });

  it('only src/offers/places.ts writes an offer’s placed and pending counters', () => {
    expect(writers(writesPlaceCounters, 'src/offers/places.ts')).toEqual([]);
  });

  it('recognises each way of writing them (the check itself can fail)', () => {
    expect(
      writesRequestStatus("`update transfer_requests set status = 'placed' where id = $1`"),
    ).toBe(true);
    expect(
      writesRequestStatus('`update transfer_requests tr set updated_at = now(), status = $2`'),
    ).toBe(true);
    expect(writesRequestStatus("r.status = 'withdrawn';")).toBe(true);
    expect(
      writesRequestStatus("m.getRepository(TransferRequest).update({ id }, { status: 'placed' })"),
    ).toBe(true);
    expect(
      writesRequestStatus("m.getRepository(TransferRequest).save({ id, status: 'placed' })"),
    ).toBe(true);
    expect(
      writesRequestStatus(
        "`update transfer_requests set updated_at = now() where status = 'draft'`",
      ),
    ).toBe(false);
    expect(writesRequestStatus('entry.status = status;')).toBe(false);
    expect(
      writesRequestStatus("`select 1 from transfer_requests tr where tr.status = 'submitted'`"),
    ).toBe(false);
    expect(writesPlaceCounters('`update offers o set pending = o.pending + c.n from x`')).toBe(
      true,
    );
    expect(writesPlaceCounters('`update offers set capacity = $2 where placed = 0`')).toBe(false);
    expect(writesPlaceCounters('getRepository(Offer); o.placed += 1;')).toBe(true);
  });
});
