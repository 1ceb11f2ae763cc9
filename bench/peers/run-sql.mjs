#!/usr/bin/env node
// Run a peer SQL script in an in-memory DuckDB (the same @duckdb/node-api the project uses; no DuckDB
// CLI is installed here) and print the last statement's rows as JSON.
//   node bench/peers/run-sql.mjs FILE.sql NAME=VALUE…   (fills ${NAME} in the script)
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, ...vars] = process.argv.slice(2);
let sql = readFileSync(file, 'utf8');
for (const v of vars) {
  const i = v.indexOf('=');
  sql = sql.replaceAll(`\${${v.slice(0, i)}}`, v.slice(i + 1).replace(/'/g, "''"));
}
const con = await (await DuckDBInstance.create(':memory:')).connect();
const statements = sql.split(/;\s*(?:\n|$)/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean);
let rows = [];
for (const s of statements) rows = (await con.runAndReadAll(s)).getRowObjectsJson();
process.stdout.write(`${JSON.stringify(rows)}\n`);
