import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './app';

interface Schema {
  type?: string;
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  enum?: unknown[];
  format?: string;
}
interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

const TAGS = ['transfer-requests', 'offers', 'supply-demand', 'schools'];

/** The web app's types are generated from this document: these modules must be fully typed. */
describe('OpenAPI of transfer requests, offers, supply-demand and schools', () => {
  let app: INestApplication;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema & { required?: string[] }> };
  };

  beforeAll(async () => {
    app = await createTestApp();
    doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await app.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.some((t) => TAGS.includes(t)))
        .map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
    );

  it('every operation has a summary and a typed success response', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(20);
    for (const { id, op } of ops) {
      expect([id, op.summary?.length ?? 0]).not.toEqual([id, 0]);
      const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
      expect([id, ok.length]).not.toEqual([id, 0]);
      for (const [, res] of ok) {
        const content = Object.values(res.content ?? {});
        expect([id, content.length]).not.toEqual([id, 0]);
        for (const c of content)
          expect([id, !!(c.schema.$ref || c.schema.type)]).toEqual([id, true]);
      }
    }
  });

  it('no DTO of these modules has an untyped (plain object) property', () => {
    const used = new Set<string>();
    const visit = (s?: Schema) => {
      if (!s) return;
      if (s.$ref) {
        const name = s.$ref.split('/').pop() as string;
        if (used.has(name)) return;
        used.add(name);
        visit(doc.components.schemas[name]);
      }
      visit(s.items);
      s.allOf?.forEach(visit);
      Object.values(s.properties ?? {}).forEach(visit);
    };
    for (const { op } of operations()) {
      Object.values(op.requestBody?.content ?? {}).forEach((c) => visit(c.schema));
      Object.values(op.responses).forEach((r) =>
        Object.values(r.content ?? {}).forEach((c) => visit(c.schema)),
      );
    }
    const untyped: string[] = [];
    for (const name of used) {
      for (const [prop, s] of Object.entries(doc.components.schemas[name].properties ?? {})) {
        if (s.type === 'object' && !s.properties && !s.$ref) untyped.push(`${name}.${prop}`);
        if (!s.type && !s.$ref && !s.allOf && !s.enum) untyped.push(`${name}.${prop}`);
      }
    }
    expect(untyped).toEqual([]);
    const detail = doc.components.schemas.TransferRequestDetail;
    expect(JSON.stringify(detail)).toContain('supportNeeds');
  });

  it('the import takes multipart with a file, or text/csv; the CSV downloads are strings', () => {
    const imp = doc.paths['/api/seasons/{seasonId}/offers/import'].post;
    expect(Object.keys(imp.requestBody?.content ?? {}).sort()).toEqual([
      'multipart/form-data',
      'text/csv',
    ]);
    const upload = doc.components.schemas.OfferImportUpload;
    expect(upload.properties?.file).toMatchObject({ type: 'string', format: 'binary' });
    for (const path of [
      '/api/seasons/{seasonId}/offers/template.csv',
      '/api/seasons/{seasonId}/supply-demand.csv',
    ]) {
      expect(doc.paths[path].get.responses['200'].content?.['text/csv'].schema).toEqual({
        type: 'string',
      });
    }
  });
});
