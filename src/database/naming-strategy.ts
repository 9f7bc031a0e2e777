import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

// PostgreSQL's identifiers are at most NAMEDATALEN - 1 = 63 bytes.
const MAX_IDENTIFIER = 63;

/**
 * PostgreSQL's own makeObjectName(): `<table>_<columns>_<label>`, shortening the longer of the
 * table and column parts until the name fits in 63 bytes (all names here are ASCII).
 */
function pgObjectName(table: string, columns: string[], label: string): string {
  const addition = columns.join('_').slice(0, MAX_IDENTIFIER);
  const available = MAX_IDENTIFIER - label.length - 1 - (addition ? 1 : 0);
  let tableChars = table.length;
  let additionChars = addition.length;
  while (tableChars + additionChars > available) {
    if (tableChars > additionChars) tableChars--;
    else additionChars--;
  }
  return [table.slice(0, tableChars), addition.slice(0, additionChars), label]
    .filter((part) => part)
    .join('_');
}

/**
 * Constraint and index names as PostgreSQL chooses them when a `create table` leaves them out
 * (`<table>_pkey`, `<table>_<columns>_key`, `<table>_<columns>_fkey`, `<table>_<columns>_idx`),
 * which is how the hand-written migrations create them. With TypeORM's default names (hashes)
 * the entities could not describe the schema, and migration:generate would rename everything.
 * Check constraints have no derivable name: entities give theirs with @Check(name, expression).
 */
export class PostgresNamingStrategy
  extends DefaultNamingStrategy
  implements NamingStrategyInterface
{
  override primaryKeyName(tableOrName: Table | string): string {
    return pgObjectName(this.getTableName(tableOrName), [], 'pkey');
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return pgObjectName(this.getTableName(tableOrName), columnNames, 'key');
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return pgObjectName(this.getTableName(tableOrName), columnNames, 'fkey');
  }

  override indexName(tableOrName: Table | string, columnNames: string[]): string {
    return pgObjectName(this.getTableName(tableOrName), columnNames, 'idx');
  }
}
