const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A uuid's text as PostgreSQL writes it (lowercase, 8-4-4-4-12), from its 16 bytes at `at`. */
function uuidText(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[at + i]];
  }
  return s;
}

/**
 * School uuids as the round's snapshot reads them, 16 bytes each in one bytea per pupil
 * (string_agg of uuid_send: no text conversion per listing in PostgreSQL), turned into one shared
 * string per school. At 200k pupils × 8 schools that is ~3k strings instead of 1.6M new ones, and
 * the Map lookups by them in buildEngineInput and skippedChoices hash each school once and then
 * match it by identity. Schools seen before are found in typed arrays by their first two bytes,
 * then compared as four 32-bit words: no string, Map or Buffer method per listing.
 */
export class SchoolIds {
  /** Per first two bytes: 1 + the index of the last school seen with them, 0 if none. */
  private readonly first = new Int32Array(1 << 16);
  /** Per school: 1 + the index of the previous school with the same first two bytes, 0 if none. */
  private next = new Int32Array(1024);
  /** Per school: its 16 bytes as four 32-bit words. */
  private words = new Int32Array(4 * 1024);
  private readonly ids: string[] = [];

  /** The school ids in `bytes`, in order; null (no rows to aggregate) reads as none. */
  list(bytes: Uint8Array | null): string[] {
    if (!bytes) return [];
    if (bytes.length % 16)
      throw new Error(`school ids: ${bytes.length} bytes is not a whole number of uuids`);
    // Of their exact length (a first push reserves 16 slots): less for the GC to copy.
    const ids = new Array<string>(bytes.length / 16);
    for (let i = 0; i < ids.length; i++) ids[i] = this.at(bytes, 16 * i);
    return ids;
  }

  /** The shared string of a uuid given as PostgreSQL's text of it; any other string as it is. */
  one(id: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return id;
    return this.at(Buffer.from(id.replace(/-/g, ''), 'hex'), 0);
  }

  private at(b: Uint8Array, at: number): string {
    const w0 = (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
    const w1 = (b[at + 4] << 24) | (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7];
    const w2 = (b[at + 8] << 24) | (b[at + 9] << 16) | (b[at + 10] << 8) | b[at + 11];
    const w3 = (b[at + 12] << 24) | (b[at + 13] << 16) | (b[at + 14] << 8) | b[at + 15];
    const head = w0 >>> 16;
    const words = this.words;
    for (let k = this.first[head] - 1; k >= 0; k = this.next[k] - 1) {
      const j = 4 * k;
      if (words[j] === w0 && words[j + 1] === w1 && words[j + 2] === w2 && words[j + 3] === w3)
        return this.ids[k];
    }
    const k = this.ids.length;
    if (k === this.next.length) {
      this.next = grown(this.next);
      this.words = grown(this.words);
    }
    this.words.set([w0, w1, w2, w3], 4 * k);
    this.next[k] = this.first[head];
    this.first[head] = k + 1;
    const id = uuidText(b, at);
    this.ids.push(id);
    return id;
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
