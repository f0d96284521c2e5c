-- SafetyAtlas core schema. Table names are the OGC collection ids of architecture.md §3.
-- Geometry is EPSG:4326; distances are computed on geography (metres), so point tables also carry a
-- GiST index on (geom::geography) to keep ST_DWithin(geom::geography, …) on the index (architecture.md §2).
-- Written for PostGIS 3.3 (Debian) so it runs unchanged on PGlite's PostGIS 3.6.

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

-- Users, sessions, audit ------------------------------------------------------------------------------
CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin','commander','planner','dispatcher','viewer')),
  districts     text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token       text PRIMARY KEY,
  user_id     int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  username    text,
  action      text NOT NULL CHECK (action IN ('insert','update','delete')),
  collection  text NOT NULL,
  feature_id  bigint,
  before      jsonb,
  after       jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_target_idx ON audit_log (collection, feature_id);

-- Base map (not an OGC collection of the data model; drawn by the offline style) ------------------------
CREATE TABLE basemap_features (
  id         serial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('water','river','coastline','land','island')),
  name       text,
  geom       geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX basemap_features_geom_idx ON basemap_features USING gist (geom);

-- Planning areas such as "inside the Outer Ring Road" (外环线以内) -------------------------------------
CREATE TABLE planning_areas (
  id         serial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('outer_ring_inside','inner_ring_inside','water_source_protection','other')),
  name       text NOT NULL,
  geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planning_areas_geom_idx ON planning_areas USING gist (geom);

-- Collections ---------------------------------------------------------------------------------------
CREATE TABLE districts (
  id          serial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  name_en     text,
  code        text NOT NULL UNIQUE,
  population  int CHECK (population >= 0),
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX districts_geom_idx ON districts USING gist (geom);

CREATE TABLE chemical_parks (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  name_en     text,
  district    text,
  risk_grade  char(1) CHECK (risk_grade IN ('A','B','C','D')),
  score       numeric(5,1) CHECK (score >= 0 AND score <= 100),
  enclosed    boolean NOT NULL DEFAULT false,
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chemical_parks_geom_idx ON chemical_parks USING gist (geom);

CREATE TABLE enterprises (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  credit_code  text UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  district     text,
  park_id      int REFERENCES chemical_parks(id) ON DELETE SET NULL,
  industry     text,
  kind         text NOT NULL DEFAULT 'enterprise' CHECK (kind IN ('enterprise','hazmat_storage_base','gas_station','warehouse')),
  contact      text,
  phone        text,
  employees    int CHECK (employees >= 0),
  risk_level   text CHECK (risk_level IN ('red','orange','yellow','blue')),
  geom         geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_geom_idx ON enterprises USING gist (geom);
CREATE INDEX enterprises_geog_idx ON enterprises USING gist ((geom::geography));

-- GB 18218-2018 Table 1 (named substances) plus Table 2 class rows (named_in_table = false).
CREATE TABLE chemicals (
  id                   serial PRIMARY KEY,
  table1_seq           int UNIQUE CHECK (table1_seq BETWEEN 1 AND 85),
  name                 text NOT NULL,
  name_en              text,
  aliases              text[] NOT NULL DEFAULT '{}',
  cas                  text[] NOT NULL DEFAULT '{}',
  un_number            text CHECK (un_number ~ '^[0-9]{4}$'),
  critical_quantity_t  numeric NOT NULL CHECK (critical_quantity_t > 0),
  hazard_class         text,
  beta                 numeric CHECK (beta > 0),
  beta_table           text CHECK (beta_table IN ('table3','table4')),
  erg_guide            int,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hazard_sources (
  id               serial PRIMARY KEY,
  name             text NOT NULL,
  enterprise_id    int REFERENCES enterprises(id) ON DELETE CASCADE,
  unit_kind        text NOT NULL DEFAULT 'storage' CHECK (unit_kind IN ('production','storage')),
  -- [{"chemical": "<name|CAS|UN>", "quantityT": n}] — the design maximum quantities (GB 18218-2018 §4.2.2)
  units            jsonb NOT NULL DEFAULT '[]',
  ratio_sum        numeric,
  alpha            numeric,
  r_value          numeric,
  grade            int CHECK (grade BETWEEN 1 AND 4),
  exposed_people   int CHECK (exposed_people >= 0),
  district         text,
  geom             geometry(Geometry, 4326) NOT NULL
                   CHECK (ST_IsValid(geom) AND GeometryType(geom) IN ('POINT','POLYGON','MULTIPOLYGON')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hazard_sources_geom_idx ON hazard_sources USING gist (geom);
CREATE INDEX hazard_sources_geog_idx ON hazard_sources USING gist ((geom::geography));

CREATE TABLE gas_pipelines (
  id              serial PRIMARY KEY,
  name            text,
  pressure_class  text NOT NULL CHECK (pressure_class IN ('低压','中压B','中压A','次高压B','次高压A','高压B','高压A')),
  diameter_mm     int CHECK (diameter_mm > 0),
  material        text,
  operator        text,
  depth_m         numeric(4,2),
  geom            geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gas_pipelines_geom_idx ON gas_pipelines USING gist (geom);
CREATE INDEX gas_pipelines_geog_idx ON gas_pipelines USING gist ((geom::geography));

CREATE TABLE pipeline_occupations (
  id           serial PRIMARY KEY,
  pipeline_id  int REFERENCES gas_pipelines(id) ON DELETE SET NULL,
  name         text,
  kind         text NOT NULL CHECK (kind IN ('building','structure','storage')),
  district     text,
  detected_at  date,
  status       text NOT NULL DEFAULT 'registered'
               CHECK (status IN ('detected','registered','rectifying','cleared','verified')),
  deadline     date,
  evidence     text,
  geom         geometry(Geometry, 4326) NOT NULL
               CHECK (ST_IsValid(geom) AND GeometryType(geom) IN ('POINT','POLYGON','MULTIPOLYGON')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipeline_occupations_geom_idx ON pipeline_occupations USING gist (geom);

CREATE TABLE railways (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('high_speed','other')),
  operator    text,
  geom        geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX railways_geom_idx ON railways USING gist (geom);
CREATE INDEX railways_geog_idx ON railways USING gist ((geom::geography));

CREATE TABLE rail_crossings (
  id                     serial PRIMARY KEY,
  name                   text NOT NULL,
  road                   text,
  railway_id             int REFERENCES railways(id) ON DELETE SET NULL,
  guarded                boolean NOT NULL,
  daily_trains           int CHECK (daily_trains >= 0),
  daily_vehicles         int CHECK (daily_vehicles >= 0),
  hidden_danger_status   text NOT NULL DEFAULT 'none'
                         CHECK (hidden_danger_status IN ('none','open','rectifying','closed')),
  district               text,
  geom                   geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rail_crossings_geom_idx ON rail_crossings USING gist (geom);

CREATE TABLE emergency_resources (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('national_base','regional_base','rescue_team','fire_station',
                                            'micro_fire_station','shelter','supply_depot','expert')),
  capacity    int CHECK (capacity >= 0),
  equipment   text,
  contact     text,
  phone       text,
  district    text,
  geom        geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_resources_geom_idx ON emergency_resources USING gist (geom);
CREATE INDEX emergency_resources_geog_idx ON emergency_resources USING gist ((geom::geography));

CREATE TABLE protected_targets (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('school','kindergarten','hospital','elderly_home','residential','mall',
                                             'transport_hub','water_source','stadium','cultural','government','other')),
  -- GB 36894-2018 §3.1.1 classes: 高敏感 / 重要 / 一般防护目标
  sensitivity  text NOT NULL DEFAULT 'general' CHECK (sensitivity IN ('high','important','general')),
  population   int CHECK (population >= 0),
  district     text,
  geom         geometry(Geometry, 4326) NOT NULL
               CHECK (ST_IsValid(geom) AND GeometryType(geom) IN ('POINT','POLYGON','MULTIPOLYGON')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX protected_targets_geom_idx ON protected_targets USING gist (geom);
CREATE INDEX protected_targets_geog_idx ON protected_targets USING gist ((geom::geography));

CREATE TABLE restricted_zones (
  id               serial PRIMARY KEY,
  name             text NOT NULL,
  rule             text NOT NULL CHECK (rule IN ('no_hazmat','time_window')),
  -- [{"days":[1..7], "from":"HH:MM", "to":"HH:MM"}] local time (Asia/Shanghai) when passage is forbidden
  time_windows     jsonb NOT NULL DEFAULT '[]',
  vehicle_classes  text[] NOT NULL DEFAULT '{}',
  geom             geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX restricted_zones_geom_idx ON restricted_zones USING gist (geom);

CREATE TABLE roads (
  id               serial PRIMARY KEY,
  name             text,
  class            text NOT NULL CHECK (class IN ('expressway','ring','arterial','secondary','local')),
  speed_kmh        int NOT NULL CHECK (speed_kmh > 0 AND speed_kmh <= 130),
  hazmat_allowed   boolean NOT NULL DEFAULT true,
  tunnel_category  text CHECK (tunnel_category IN ('A','B','C','D','E')),
  oneway           boolean NOT NULL DEFAULT false,
  -- routing graph: node ids shared by segments that meet (filled by the seed / importer)
  source           int,
  target           int,
  length_m         double precision,
  geom             geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);
CREATE INDEX roads_geog_idx ON roads USING gist ((geom::geography));
CREATE INDEX roads_source_idx ON roads (source);
CREATE INDEX roads_target_idx ON roads (target);

CREATE TABLE hidden_dangers (
  id           serial PRIMARY KEY,
  title        text NOT NULL,
  source_kind  text NOT NULL CHECK (source_kind IN ('enterprise','pipeline','rail_crossing','hazard_source','park','other')),
  source_id    int,
  level        text NOT NULL CHECK (level IN ('major','general')),
  found_at     date NOT NULL,
  deadline     date,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open','rectifying','closed')),
  owner        text,
  district     text,
  geom         geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hidden_dangers_geom_idx ON hidden_dangers USING gist (geom);

CREATE TABLE vehicles (
  id             serial PRIMARY KEY,
  plate          text NOT NULL UNIQUE,
  plate_color    int NOT NULL DEFAULT 2,
  terminal_id    text NOT NULL UNIQUE CHECK (terminal_id ~ '^[0-9]{1,20}$'),
  carrier        text,
  vehicle_class  text,
  cargo          jsonb,
  auth_code      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE waybills (
  id            serial PRIMARY KEY,
  vehicle_id    int NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  cargo         jsonb NOT NULL,
  origin        geometry(Point, 4326) NOT NULL,
  destination   geometry(Point, 4326) NOT NULL,
  window_from   timestamptz,
  window_to     timestamptz,
  corridor_m    int NOT NULL DEFAULT 500 CHECK (corridor_m > 0),
  status        text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','active','completed','cancelled')),
  geom          geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waybills_geom_idx ON waybills USING gist (geom);
CREATE INDEX waybills_vehicle_idx ON waybills (vehicle_id);

-- positions: time-partitioned by fix time (one partition a month, plus a default for out-of-range fixes)
CREATE TABLE positions (
  id           bigserial,
  vehicle_id   int NOT NULL,
  fix_time     timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  speed_kmh    real,
  heading      smallint CHECK (heading BETWEEN 0 AND 359),
  alarm_bits   bigint NOT NULL DEFAULT 0,
  status_bits  bigint NOT NULL DEFAULT 0,
  geom         geometry(Point, 4326) NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, fix_time)
) PARTITION BY RANGE (fix_time);
CREATE TABLE positions_default PARTITION OF positions DEFAULT;
CREATE INDEX positions_vehicle_time_idx ON positions (vehicle_id, fix_time);
CREATE INDEX positions_geom_idx ON positions USING gist (geom);

CREATE TABLE alerts (
  id               bigserial PRIMARY KEY,
  vehicle_id       int REFERENCES vehicles(id) ON DELETE CASCADE,
  source_kind      text,
  source_id        int,
  kind             text NOT NULL CHECK (kind IN ('route_deviation','restricted_zone','overspeed','prolonged_stop',
                                                 'signal_lost','fatigue','terminal_alarm')),
  severity         text NOT NULL DEFAULT 'warning' CHECK (severity IN ('info','warning','critical')),
  opened_at        timestamptz NOT NULL DEFAULT now(),
  closed_at        timestamptz,
  acknowledged_by  text,
  acknowledged_at  timestamptz,
  evidence         jsonb NOT NULL DEFAULT '{}',
  geom             geometry(Point, 4326),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_vehicle_idx ON alerts (vehicle_id, opened_at);
CREATE INDEX alerts_geom_idx ON alerts USING gist (geom);

CREATE TABLE incidents (
  id           serial PRIMARY KEY,
  chemical     text NOT NULL,
  un_number    text,
  spill        text NOT NULL CHECK (spill IN ('small','large')),
  container    text,
  time_of_day  text NOT NULL CHECK (time_of_day IN ('day','night')),
  wind         jsonb NOT NULL,
  zones        jsonb,
  result       jsonb,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
  log          jsonb NOT NULL DEFAULT '[]',
  geom         geometry(Point, 4326) NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users','basemap_features','planning_areas','districts','chemical_parks','enterprises',
    'chemicals','hazard_sources','gas_pipelines','pipeline_occupations','railways','rail_crossings',
    'emergency_resources','protected_targets','restricted_zones','roads','hidden_dangers','vehicles','waybills',
    'alerts','incidents'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                   t || '_updated_at', t);
  END LOOP;
END $$;
