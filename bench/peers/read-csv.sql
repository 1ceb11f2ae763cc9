-- Peer for `marketdash import` of the price files: DuckDB reading them itself, per folder
-- (no validation, no provenance, no dedupe). ${DATA} is the data folder.
CREATE TABLE px AS
  SELECT * FROM read_csv('${DATA}/prices/*.csv', union_by_name = true, filename = true)
  UNION ALL BY NAME SELECT * FROM read_csv('${DATA}/prices/alt/*.csv', union_by_name = true, filename = true)
  UNION ALL BY NAME SELECT * FROM read_csv('${DATA}/panels/individual_stocks_5yr/*.csv', filename = true);
SELECT count(*) AS rows FROM px;
