-- Peer for `marketdash streak A B --as-of D` in plain DuckDB SQL: common sessions, daily returns,
-- gaps-and-islands over "A beat B". ${A}, ${B} (CSV paths) and ${AS_OF} are filled in by run-sql.mjs.
WITH a AS (SELECT date, close FROM read_csv('${A}') WHERE date <= DATE '${AS_OF}'),
b AS (SELECT date, close FROM read_csv('${B}') WHERE date <= DATE '${AS_OF}'),
j AS (
  SELECT a.date, a.close / lag(a.close) OVER w - b.close / lag(b.close) OVER w > 0 AS beat
  FROM a JOIN b USING (date) WINDOW w AS (ORDER BY a.date)
),
g AS (SELECT date, beat, row_number() OVER (ORDER BY date) - row_number() OVER (PARTITION BY beat ORDER BY date) AS grp FROM j WHERE beat IS NOT NULL),
runs AS (SELECT count(*) AS length, min(date) AS start, max(date) AS "end" FROM g WHERE beat GROUP BY grp)
SELECT length, strftime(start, '%Y-%m-%d') AS start, strftime("end", '%Y-%m-%d') AS "end",
  "end" = (SELECT max(date) FROM j) AS current
FROM runs ORDER BY start DESC;
