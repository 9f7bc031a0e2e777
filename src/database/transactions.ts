import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Transactions by context (issue 19 point 4). A service opens one with `@Transactional()` or
 * `txHost.withTransaction(...)` (`txHost: TransactionHost<TransactionalAdapterTypeOrm>`,
 * injected), and every service it calls reads `txHost.tx`: the transaction's
 * EntityManager inside one, the DataSource's own manager outside. Nothing passes `m` by hand.
 * Only queries through `txHost.tx` take part: `this.db`, injected repositories and
 * `getRepository` still use a connection of their own (a second connection inside a transaction
 * can wait forever for the first one's row locks).
 */
type AfterCommit = () => Promise<void>;

/** The after-commit work of each open transaction, by its EntityManager. */
const pending = new WeakMap<EntityManager, AfterCommit[]>();
const logger = new Logger('Transactions');

/**
 * Runs `fn` once `tx`, a transaction opened through the TransactionHost, commits (never when it
 * rolls back); false when `tx` is no such transaction (outside one, or one begun by hand with
 * `db.transaction`), and then `fn` is not kept. A savepoint's work runs when the outermost
 * transaction commits.
 */
export function afterCommit(tx: EntityManager, fn: AfterCommit): boolean {
  const list = pending.get(tx);
  if (!list) return false;
  list.push(fn);
  return true;
}

/**
 * The TypeORM adapter plus after-commit work: the plugin has no hook of its own. Once the
 * transaction has committed, each `afterCommit` function runs in order, awaited, so a request
 * answers after its jobs are queued; one that fails is logged and does not undo the commit or
 * fail the caller (the outbox relay keeps what it could not send for its next pass).
 */
export class TransactionalAdapterTypeOrmAfterCommit extends TransactionalAdapterTypeOrm {
  constructor(options: ConstructorParameters<typeof TransactionalAdapterTypeOrm>[0]) {
    super(options);
    const factory = this.optionsFactory;
    this.optionsFactory = (dataSource: DataSource) => {
      const base = factory(dataSource);
      return {
        ...base,
        wrapWithTransaction: async (options, fn, setClient) => {
          const work: AfterCommit[] = [];
          const result: unknown = await base.wrapWithTransaction(options, fn, (client) => {
            if (client) pending.set(client, work);
            setClient(client);
          });
          // Committed. The work runs outside the finished transaction: `tx` is the plain manager.
          setClient(undefined);
          for (const run of work) {
            try {
              await run();
            } catch (e) {
              logger.error(`after-commit work failed: ${(e as Error).message}`);
            }
          }
          return result;
        },
        wrapWithNestedTransaction: (options, fn, setClient, client) =>
          base.wrapWithNestedTransaction(
            options,
            fn,
            (inner) => {
              const work = pending.get(client);
              if (inner && work) pending.set(inner, work);
              setClient(inner);
            },
            client,
          ),
      };
    };
  }
}

/**
 * nestjs-cls with the transactional plugin, for the API (a CLS context per HTTP request, from
 * its middleware) or the worker and the scripts (no HTTP: each job opens a context of its own,
 * jobClsContext; a transaction opens one where there is none). Import once, in the root module.
 */
export function transactionsModule(service: 'api' | 'worker') {
  return ClsModule.forRoot({
    global: true,
    middleware: { mount: service === 'api' },
    plugins: [
      new ClsPluginTransactional({
        adapter: new TransactionalAdapterTypeOrmAfterCommit({
          dataSourceToken: getDataSourceToken(),
        }),
      }),
    ],
  });
}
