/** Test-only DuckDB access (an independent second method for the analytics). */
export async function duck() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  return {
    async all(sql: string): Promise<Record<string, unknown>[]> {
      return (await con.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
    },
    async run(sql: string): Promise<void> {
      await con.run(sql);
    },
    close() {
      con.closeSync();
      inst.closeSync();
    },
  };
}
