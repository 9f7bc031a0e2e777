import { isUUID } from 'class-validator';
import { orderedUuidPrefix, uuidArray } from './ordered-uuids';

/** The batch's `n`th id as the proposals' insert writes it in SQL: `$prefix || lpad(to_hex(n), 12, '0')`. */
const orderedUuid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(12, '0')}`;

describe('ordered uuids', () => {
  it('gives distinct version-7 uuids in ascending order, within a batch and after an earlier one', () => {
    const first = orderedUuidPrefix(1_733_000_000_000);
    const later = orderedUuidPrefix(1_733_000_000_001);
    const all = [
      ...Array.from({ length: 70_000 }, (_, n) => orderedUuid(first, n)),
      ...Array.from({ length: 10 }, (_, n) => orderedUuid(later, n)),
    ];
    expect(all.every((id) => isUUID(id, 7))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(all);
    // The time stands in the first 48 bits, as RFC 9562 says.
    expect(parseInt(all[0].replace(/-/g, '').slice(0, 12), 16)).toBe(1_733_000_000_000);
  });

  it('writes an array literal PostgreSQL reads as uuid[]', () => {
    expect(uuidArray([])).toBe('{}');
    expect(uuidArray(['a', 'b'])).toBe('{a,b}');
  });
});
