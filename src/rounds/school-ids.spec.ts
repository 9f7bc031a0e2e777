import { randomUUID } from 'node:crypto';
import { SchoolIds } from './school-ids';

/** What `string_agg(uuid_send(id), '')` gives the driver for these uuids. */
const bytes = (ids: string[]) =>
  Buffer.concat(ids.map((id) => Buffer.from(id.replace(/-/g, ''), 'hex')));

describe('SchoolIds', () => {
  it('reads 16 bytes a school as PostgreSQL writes the uuid, in order', () => {
    const ids = [randomUUID(), '00000000-0000-0000-0000-000000000000', randomUUID()];
    ids.push('ffffffff-ffff-ffff-ffff-ffffffffffff', ids[0]);
    expect(new SchoolIds().list(bytes(ids))).toEqual(ids);
  });

  it('gives every listing of a school the same string, also to its text', () => {
    const schools = new SchoolIds();
    const [a, b] = [randomUUID(), randomUUID()];
    const one = schools.list(bytes([a, b]));
    const two = schools.list(bytes([b, a]));
    expect(two[0]).toBe(one[1]);
    expect(two[1]).toBe(one[0]);
    expect(schools.one(a)).toBe(one[0]);
    expect(schools.one('not-a-uuid')).toBe('not-a-uuid');
  });

  it('tells schools apart that share their first bytes, past the first table size', () => {
    const schools = new SchoolIds();
    // 3000 schools in 16 groups with the same first four bytes each.
    const ids = Array.from({ length: 3000 }, (_, i) => {
      const hex = Buffer.alloc(16);
      hex.writeUInt32BE(i % 16, 0);
      hex.writeUInt32BE(i, 12);
      return hex.toString('hex').replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5');
    });
    expect(schools.list(bytes(ids))).toEqual(ids);
    const again = schools.list(bytes(ids));
    expect(again).toEqual(ids);
    expect(new Set(again).size).toBe(3000);
  });

  it('reads no rows as no schools and refuses a partial uuid', () => {
    expect(new SchoolIds().list(null)).toEqual([]);
    expect(() => new SchoolIds().list(Buffer.alloc(20))).toThrow(/whole number/);
  });
});
