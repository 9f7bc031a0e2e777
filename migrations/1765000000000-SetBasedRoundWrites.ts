import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round writes ~160k proposals, ~200k audit entries, ~40k mediation cases and ~200k status
 * changes at 200k pupils, in one transaction (issue 19 point 8). Measured per row inside
 * PostgreSQL, two costs dominated, and this migration removes both:
 *
 * 1. Foreign keys check one row at a time (a trigger and an index probe per row and column):
 *    ~3.3 s of the proposals' 5 s, ~1.5 s of the audit entries. On the columns a round fills, the
 *    row-level foreign keys become statement-level checks: after each insert or update, one query
 *    per column looks for a value that is not in the parent table among all the statement's rows
 *    (a transition table) and raises 23503 (foreign_key_violation) if there is one. Deleting a
 *    parent row that is still referenced raises the same error (restrict), except for an audit
 *    entry's school, which becomes null as before. What this does not do, unlike a foreign key:
 *    lock the parent row against a concurrent delete. The app deletes none of these parents
 *    (regions, schools, seasons, offers, requests) and deletes a round only before it starts,
 *    when nothing references it; ids are never updated.
 *
 * 2. A status change wrote every index entry of the request again (status was in two of its
 *    indexes, and full pages leave no room for the new row version next to the old one). The two
 *    indexes lose `status` (they still narrow a season's requests) and new pages of
 *    transfer_requests are filled to half, so a status change is a heap-only (HOT) update: no index
 *    is touched. Only pages written from now on get the room; `vacuum full transfer_requests`
 *    gives it to an existing table (not run here: it cannot run inside a migration's transaction).
 */

/** Child table, column, parent table: the references turned into statement-level checks. */
const REFERENCES: [string, string, string][] = [
  ['proposals', 'region_id', 'regions'],
  ['proposals', 'round_id', 'matching_rounds'],
  ['proposals', 'request_id', 'transfer_requests'],
  ['proposals', 'offer_id', 'offers'],
  ['proposals', 'school_id', 'schools'],
  ['audit_log', 'region_id', 'regions'],
  ['audit_log', 'school_id', 'schools'],
  ['mediation_cases', 'region_id', 'regions'],
  ['mediation_cases', 'season_id', 'seasons'],
  ['mediation_cases', 'request_id', 'transfer_requests'],
  ['mediation_cases', 'round_id', 'matching_rounds'],
];

/** Deleting a parent nulls these references instead of being refused (as `on delete set null` did). */
const SET_NULL = new Set(['audit_log.school_id']);

const children = [...new Set(REFERENCES.map(([child]) => child))];
const parents = [...new Set(REFERENCES.map(([, , parent]) => parent))];

export class SetBasedRoundWrites1765000000000 implements MigrationInterface {
  name = 'SetBasedRoundWrites1765000000000';

  public async up(q: QueryRunner): Promise<void> {
    // TG_ARGV: column, parent table, column, parent table, ... Each distinct value is looked up
    // once: a round's 160k proposals name one region, one round and a few thousand schools.
    await q.query(`
      create function check_references() returns trigger language plpgsql as $$
      declare
        i int := 0;
        bad text;
      begin
        while i < TG_NARGS loop
          execute format(
            'select n.v::text from (select distinct %1$I as v from new_rows where %1$I is not null) n
              where not exists (select 1 from %2$I p where p.id = n.v) limit 1',
            TG_ARGV[i], TG_ARGV[i + 1]) into bad;
          if bad is not null then
            raise exception 'insert or update on table "%" violates reference "%_%_ref"', TG_TABLE_NAME, TG_TABLE_NAME, TG_ARGV[i]
              using errcode = 'foreign_key_violation', table = TG_TABLE_NAME,
                    constraint = TG_TABLE_NAME || '_' || TG_ARGV[i] || '_ref',
                    detail = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[i], bad, TG_ARGV[i + 1]);
          end if;
          i := i + 2;
        end loop;
        return null;
      end $$`);
    // TG_ARGV: child table, column, 'restrict' | 'set null', ...
    await q.query(`
      create function restrict_references() returns trigger language plpgsql as $$
      declare
        i int := 0;
        bad text;
      begin
        while i < TG_NARGS loop
          if TG_ARGV[i + 2] = 'set null' then
            execute format('update %1$I set %2$I = null where %2$I in (select id from old_rows)',
              TG_ARGV[i], TG_ARGV[i + 1]);
          else
            execute format('select o.id::text from old_rows o where exists (select 1 from %1$I c where c.%2$I = o.id) limit 1',
              TG_ARGV[i], TG_ARGV[i + 1]) into bad;
            if bad is not null then
              raise exception 'update or delete on table "%" violates reference "%_%_ref" on table "%"', TG_TABLE_NAME, TG_ARGV[i], TG_ARGV[i + 1], TG_ARGV[i]
                using errcode = 'foreign_key_violation', table = TG_ARGV[i],
                      constraint = TG_ARGV[i] || '_' || TG_ARGV[i + 1] || '_ref',
                      detail = format('Key (id)=(%s) is still referenced from table "%s".', bad, TG_ARGV[i]);
            end if;
          end if;
          i := i + 3;
        end loop;
        return null;
      end $$`);
    for (const [child, column] of REFERENCES) {
      await q.query(`alter table ${child} drop constraint ${child}_${column}_fkey`);
    }
    for (const child of children) {
      const args = REFERENCES.filter(([c]) => c === child)
        .flatMap(([, column, parent]) => [column, parent])
        .map((a) => `'${a}'`)
        .join(', ');
      // Transition tables rule out a column list on the update trigger: every update is checked.
      for (const event of ['insert', 'update']) {
        await q.query(
          `create trigger ${child}_references_${event} after ${event} on ${child}
             referencing new table as new_rows for each statement
             execute function check_references(${args})`,
        );
      }
    }
    for (const parent of parents) {
      const args = REFERENCES.filter(([, , p]) => p === parent)
        .flatMap(([child, column]) => [
          child,
          column,
          SET_NULL.has(`${child}.${column}`) ? 'set null' : 'restrict',
        ])
        .map((a) => `'${a}'`)
        .join(', ');
      await q.query(
        `create trigger ${parent}_referenced after delete on ${parent}
           referencing old table as old_rows for each statement
           execute function restrict_references(${args})`,
      );
    }

    await q.query(`drop index transfer_requests_scope`);
    await q.query(`drop index transfer_requests_season`);
    await q.query(
      `create index transfer_requests_scope on transfer_requests (region_id, season_id)`,
    );
    await q.query(`create index transfer_requests_season on transfer_requests (season_id)`);
    await q.query(`alter table transfer_requests set (fillfactor = 50)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table transfer_requests reset (fillfactor)`);
    await q.query(`drop index transfer_requests_season`);
    await q.query(`drop index transfer_requests_scope`);
    await q.query(`create index transfer_requests_season on transfer_requests (season_id, status)`);
    await q.query(
      `create index transfer_requests_scope on transfer_requests (region_id, season_id, status)`,
    );
    for (const parent of parents) await q.query(`drop trigger ${parent}_referenced on ${parent}`);
    for (const child of children) {
      await q.query(`drop trigger ${child}_references_insert on ${child}`);
      await q.query(`drop trigger ${child}_references_update on ${child}`);
    }
    for (const [child, column, parent] of REFERENCES) {
      const onDelete = SET_NULL.has(`${child}.${column}`) ? ' on delete set null' : '';
      await q.query(
        `alter table ${child} add constraint ${child}_${column}_fkey
           foreign key (${column}) references ${parent}(id)${onDelete}`,
      );
    }
    await q.query(`drop function restrict_references()`);
    await q.query(`drop function check_references()`);
  }
}
