import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { API_TYPES_FILE, renderApiTypes } from '../scripts/api-types';
import { createTestApp } from './app';

/**
 * The web app's types come from the API's own contract (issue 16): web/src/api/schema.d.ts must be
 * what `npm run api:types` makes of /api/docs-json, and that document must describe every
 * operation well enough to type a client: a summary, a typed 2xx response, no untyped objects.
 */

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function operations(doc: Json): { name: string; op: Json }[] {
  const out: { name: string; op: Json }[] = [];
  for (const [p, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const m of METHODS) {
      if (isObject(item[m])) out.push({ name: `${m.toUpperCase()} ${p}`, op: item[m] });
    }
  }
  return out;
}

/** A 204, or a 2xx whose content has a schema for every media type it names. */
function hasTypedSuccess(op: Json): boolean {
  const responses = (op.responses ?? {}) as Record<string, Json>;
  return Object.entries(responses).some(([code, r]) => {
    if (!/^2\d\d$/.test(code)) return false;
    if (code === '204') return true;
    const content = r.content as Record<string, Json> | undefined;
    if (!content || !Object.keys(content).length) return false;
    return Object.values(content).every((media) => isObject(media.schema));
  });
}

/** Where in the document a schema says `type: object` and nothing about what is in it. */
function bareObjects(node: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(node)) {
    node.forEach((v, i) => bareObjects(v, `${at}[${i}]`, out));
    return out;
  }
  if (!isObject(node)) return out;
  if (
    node.type === 'object' &&
    !(isObject(node.properties) && Object.keys(node.properties).length) &&
    node.additionalProperties === undefined &&
    !['$ref', 'allOf', 'oneOf', 'anyOf'].some((k) => k in node)
  ) {
    out.push(at);
  }
  for (const [k, v] of Object.entries(node)) {
    // Examples and defaults are values, not schemas.
    if (k === 'example' || k === 'examples' || k === 'default') continue;
    bareObjects(v, at ? `${at}.${k}` : k, out);
  }
  return out;
}

/** Where in the document a `$ref` points at `ref`. */
function refsTo(ref: string, node: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((v, i) => refsTo(ref, v, `${at}[${i}]`, out));
  else if (isObject(node)) {
    if (node.$ref === ref) out.push(at);
    for (const [k, v] of Object.entries(node)) refsTo(ref, v, at ? `${at}.${k}` : k, out);
  }
  return out;
}

/** The first line where two texts differ, to point at in a failure message. */
function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const i = la.findIndex((line, n) => line !== lb[n]);
  const n = i < 0 ? Math.min(la.length, lb.length) : i;
  return `line ${n + 1}: checked in ${JSON.stringify(lb[n] ?? '<end>')}, generated ${JSON.stringify(la[n] ?? '<end>')}`;
}

describe('OpenAPI contract (/api/docs-json)', () => {
  let app: INestApplication;
  let doc: Json;

  beforeAll(async () => {
    app = await createTestApp();
    doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });

  afterAll(() => app.close());

  it('web/src/api/schema.d.ts is up to date with the document', async () => {
    const generated = await renderApiTypes(doc);
    const file = path.relative(process.cwd(), API_TYPES_FILE);
    const checkedIn = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : '';
    if (generated !== checkedIn) {
      throw new Error(
        `${file} is out of date with /api/docs-json: run \`npm run api:types\` and commit the result ` +
          `(first difference at ${firstDifference(generated, checkedIn)})`,
      );
    }
  }, 60_000);

  it('every operation has a summary and a typed 2xx response', () => {
    const offenders = operations(doc).flatMap(({ name, op }) => {
      const wrong = [
        typeof op.summary === 'string' && op.summary.trim() ? null : 'no summary',
        hasTypedSuccess(op) ? null : 'no 2xx response with a content schema (nor a 204)',
      ].filter(Boolean);
      return wrong.length ? [`${name}: ${wrong.join('; ')}`] : [];
    });
    expect(operations(doc).length).toBeGreaterThan(0);
    if (offenders.length) {
      throw new Error(
        `${offenders.length} operation(s) not described well enough to type a client ` +
          `(@ApiOperation({ summary }), @ApiOkResponse/@ApiCreatedResponse({ type }) or ` +
          `@ApiNoContentResponse):\n  ${offenders.join('\n  ')}`,
      );
    }
  });

  it('no schema is a bare `type: object` (a DTO class, or additionalProperties, instead)', () => {
    const found = bareObjects({ paths: doc.paths, components: doc.components }, '', []);
    // A bare component (e.g. `Object`, from a field without a type) is named with where it is used.
    const offenders = found.map((at) => {
      const name = /^components\.schemas\.([^.]+)$/.exec(at)?.[1];
      if (!name) return at;
      const used = refsTo(`#/components/schemas/${name}`, { paths: doc.paths }, '', []);
      return used.length ? `${at} (used at ${used.join(', ')})` : at;
    });
    if (offenders.length) {
      throw new Error(
        `${offenders.length} schema(s) are \`type: object\` without properties, additionalProperties ` +
          `or $ref; give them a DTO class with @ApiProperty on every field:\n  ${offenders.join('\n  ')}`,
      );
    }
  });
});
