/** Builds a WHERE clause with numbered parameters, so filters compose without string splicing of values. */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Call with a template whose values went through param() first. */
  add(clause: string): this {
    this.parts.push(clause);
    return this;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.parts.join(' AND ');
  }
}
