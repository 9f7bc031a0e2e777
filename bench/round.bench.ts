/**
 * End-to-end matching round: data in PostgreSQL → snapshot → engine → proposals committed.
 * `npm run bench:round [-- --sizes=8k,200k]`. Uses its own database, dropped afterwards.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { insertBulkMarket } from '../test/factories/bulk-market';
import { ownServices } from './own-services';

const SIZES: Record<string, { pupils: number; schools: number; prefs: number }> = {
  '8k': { pupils: 8_000, schools: 300, prefs: 6 },
  '200k': { pupils: 200_000, schools: 3_000, prefs: 8 },
};

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = arg ? arg.slice(8).split(',') : Object.keys(SIZES);
  const services = await ownServices('round');
  const { WorkerModule } = await import('../workers/worker.module');
  const { RoundsService } = await import('../src/rounds/rounds.service');
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  const db = ctx.get(DataSource);
  console.log(
    `Round benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, DA_STB_SIC`,
  );
  console.log(
    'size   pupils   programs  prefs  placed   round (s)  engine (s)  database (s)  db/engine  peak RSS (MB)',
  );
  try {
    for (const size of sizes) {
      const s = SIZES[size];
      if (!s) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(',')}`);
      const m = await insertBulkMarket(db, s.pupils, s.schools, s.prefs, 42);
      // A season's forms come in over weeks, and autovacuum has visited them by the round: without
      // this the round's first read of the bulk insert sets every row's hint bits, and plans on no statistics.
      await db.query(`vacuum analyze`);
      const [r] = await db.query(
        `insert into matching_rounds (region_id, season_id, status, seed, seed_hash) values ($1, $2, 'queued', 'bench', 'x') returning id`,
        [m.regionId, m.seasonId],
      );
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t0 = performance.now();
      await ctx.get(RoundsService).execute(r.id);
      const secs = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const [row] = await db.query(`select status, report from matching_rounds where id = $1`, [
        r.id,
      ]);
      if (row.status !== 'completed') throw new Error(`round ${size} ended ${row.status}`);
      const engine = row.report.engineMs / 1000;
      // Everything but the engine: snapshot, engine input, writes, stored JSON, notices after commit.
      const database = secs - engine;
      console.log(
        `${size.padEnd(6)} ${String(s.pupils).padStart(7)}  ${String(s.schools).padStart(8)}  ${String(s.prefs).padStart(5)}  ${String(row.report.placed).padStart(7)}  ${secs.toFixed(2).padStart(9)}  ${engine.toFixed(2).padStart(10)}  ${database.toFixed(2).padStart(12)}  ${(database / engine).toFixed(1).padStart(9)}  ${String(Math.round(peak / 2 ** 20)).padStart(13)}`,
      );
    }
  } finally {
    await ctx.close();
    await services.close();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
