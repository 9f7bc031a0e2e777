/** Builds a `where` clause with positional parameters ($1, $2, …) for raw SQL. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** A condition on one value; `sql` gets the value's placeholder. */
  add(sql: (n: string) => string, value: unknown): this {
    this.params.push(value);
    this.clauses.push(sql(`$${this.params.length}`));
    return this;
  }

  /** A condition without a value. */
  also(sql: string): this {
    this.clauses.push(sql);
    return this;
  }

  get sql(): string {
    return this.clauses.length ? `where ${this.clauses.join(' and ')}` : '';
  }
}
