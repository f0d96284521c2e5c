-- Change feed: every insert, update, delete or truncate on a collection table sends
--   pg_notify('atlas_changes', '{"collection","id","op","old":[xmin,ymin,xmax,ymax]|null,"new":[…]|null}')
-- after the row is written; the API's change listener (api/src/changes/listener.ts) drops the cached vector tiles
-- the old and new bboxes touch and tells SSE clients (`change` events on /api/stream). Notifications are sent
-- only when the transaction commits, whoever wrote the row (the API, psql, an importer).
--
-- `positions` is left out on purpose: a high-rate, time-partitioned series announced by the tracking ingest itself
-- (`position` events), not drawn from tiles. A later migration that adds a collection calls
-- SELECT atlas_watch_table('new_table');

CREATE FUNCTION atlas_bbox_json(g geometry) RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN g IS NULL OR ST_IsEmpty(g) THEN NULL
              ELSE json_build_array(ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)) END
$$;

-- TG_ARGV[0] = 'geom' when the table has a geom column (bboxes are sent), 'none' otherwise.
CREATE FUNCTION atlas_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  has_geom boolean := TG_NARGS > 0 AND TG_ARGV[0] = 'geom';
  row_id   bigint;
  old_box  json;
  new_box  json;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('atlas_changes', json_build_object('collection', TG_TABLE_NAME, 'id', NULL, 'op', 'truncate',
                                                         'old', NULL, 'new', NULL)::text);
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    row_id := OLD.id;
    IF has_geom THEN old_box := atlas_bbox_json(OLD.geom); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    row_id := NEW.id;
    IF has_geom THEN new_box := atlas_bbox_json(NEW.geom); END IF;
  END IF;
  PERFORM pg_notify('atlas_changes', json_build_object('collection', TG_TABLE_NAME, 'id', row_id, 'op', lower(TG_OP),
                                                       'old', old_box, 'new', new_box)::text);
  RETURN NULL;
END $$;

CREATE FUNCTION atlas_watch_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  geom_arg text := CASE WHEN EXISTS (SELECT 1 FROM pg_attribute
                                      WHERE attrelid = t AND attname = 'geom' AND attnum > 0 AND NOT attisdropped)
                        THEN 'geom' ELSE 'none' END;
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS atlas_change ON %s', t);
  EXECUTE format('CREATE TRIGGER atlas_change AFTER INSERT OR UPDATE OR DELETE ON %s '
                 'FOR EACH ROW EXECUTE FUNCTION atlas_notify_change(%L)', t, geom_arg);
  EXECUTE format('DROP TRIGGER IF EXISTS atlas_change_truncate ON %s', t);
  EXECUTE format('CREATE TRIGGER atlas_change_truncate AFTER TRUNCATE ON %s '
                 'FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_change()', t);
END $$;

SELECT atlas_watch_table(t::regclass) FROM unnest(ARRAY[
  'districts', 'chemical_parks', 'enterprises', 'hazard_sources', 'chemicals', 'gas_pipelines', 'pipeline_occupations',
  'railways', 'rail_crossings', 'emergency_resources', 'protected_targets', 'restricted_zones', 'roads',
  'hidden_dangers', 'vehicles', 'waybills', 'alerts', 'incidents']) AS t;
