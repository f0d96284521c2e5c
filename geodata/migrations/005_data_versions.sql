-- Version counters of small reference tables that the API keeps in memory: the safety rule book
-- (api/src/planning/ruleBook.ts) is read once and reused until `data_versions.version` of 'safety_rules' changes.
-- Every analysis statement reads the counter in its own snapshot (a primary-key lookup), so a rule changed by the
-- API, psql or an importer is seen by the very next analysis — no notification delay, no stale cache.
--
-- The trigger is per statement: one bump per INSERT / UPDATE / DELETE / TRUNCATE, whoever runs it. Concurrent
-- writers queue on the counter row until the first commits; readers never wait.

CREATE TABLE data_versions (
  table_name text PRIMARY KEY,
  version    bigint NOT NULL DEFAULT 1
);

CREATE FUNCTION atlas_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions AS d (table_name, version) VALUES (TG_TABLE_NAME, 1)
  ON CONFLICT (table_name) DO UPDATE SET version = d.version + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION atlas_version_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS atlas_version ON %s', t);
  EXECUTE format('CREATE TRIGGER atlas_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                 'FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_version()', t);
  INSERT INTO data_versions (table_name) SELECT relname FROM pg_class WHERE oid = t ON CONFLICT DO NOTHING;
END $$;

SELECT atlas_version_table('safety_rules');
