-- Safety-distance and siting rules as data (issue 5, part 2). The siting check, the safety-distance analysis,
-- the hazard-violation register and the pipeline-occupation register all read this table; nothing is hard-coded
-- in TypeScript except the evaluation itself (api/src/domain/safetyRules.ts).
--
-- Every number below comes from /work/shared/domain/standards.md. Marks there map to `verified`:
--   ✅ → verified = true (not configurable);  ⚠️ / ❌ → verified = false, configurable = true, and the API reports
--   the rule as "未核实 / configurable". A rule whose law gives no number has required_m NULL: the checks report
--   the actual distance and the verdict "unknown" until a planner sets the distance (PUT /api/safety-rules/:id).
--
-- check_kind:
--   min_distance   the facility (facility_kind) keeps required_m from every protected_collection/kind feature
--   zone           a protection zone of required_m around a linear facility (railway, gas pipeline); no building,
--                  structure or hazardous site inside it. Applies to every kind of proposed site.
--   not_inside     the facility must not lie inside a planning area (protected_collection/kind)
--   must_be_inside the facility must lie inside a feature of protected_collection (e.g. a chemical park)
-- effect:
--   prohibited     inside the distance/zone → fail
--   restricted     inside → allowed only with an agreement (e.g. Shanghai gas control range): reported as unknown

CREATE TABLE safety_rules (
  id                    serial PRIMARY KEY,
  code                  text NOT NULL UNIQUE,
  -- rows reported together as one line of the siting check (e.g. all Art. 27 rows = 'rail27')
  rule_group            text NOT NULL,
  title                 text NOT NULL,          -- zh-CN title of the group
  title_en              text NOT NULL,
  detail                text,                   -- zh-CN: what this row adds to the title (class, area, target kind)
  facility_kind         text NOT NULL CHECK (facility_kind IN ('hazard_source','hazmat_storage','chemical_plant',
                                                                 'gas_station','gas_pipeline','railway')),
  -- zone rules: railway kind (high_speed/other) or pipeline pressure class the row applies to
  facility_subkind      text,
  -- 《铁路安全管理条例》第二十七条 area classes: 城市市区 / 城市郊区居民居住区 / 村镇居民居住区 / 其他地区
  area_class            text CHECK (area_class IN ('urban','suburban_residential','village_residential','other')),
  check_kind            text NOT NULL CHECK (check_kind IN ('min_distance','zone','not_inside','must_be_inside')),
  effect                text NOT NULL DEFAULT 'prohibited' CHECK (effect IN ('prohibited','restricted')),
  protected_collection  text CHECK (protected_collection IN ('protected_targets','railways','roads','enterprises',
                                                               'gas_pipelines','planning_areas','chemical_parks')),
  protected_kind        text,                   -- kind/class column value of protected_collection; NULL = any
  protected_sensitivity text CHECK (protected_sensitivity IN ('high','important','general')),
  required_m            numeric CHECK (required_m >= 0 AND required_m <= 100000),
  clause                text NOT NULL,          -- zh-CN citation
  verified              boolean NOT NULL DEFAULT false,
  configurable          boolean NOT NULL DEFAULT false,
  source                text,                   -- where the number was read (standards.md section)
  note                  text,
  configured_by         text,                   -- who set required_m through PUT /api/safety-rules/:id
  configured_at         timestamptz,
  configured_source     text,                   -- where the configured number comes from (report, standard text)
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (verified OR configurable OR check_kind IN ('not_inside','must_be_inside')),
  CHECK ((check_kind = 'zone') = (facility_kind IN ('gas_pipeline','railway'))),
  CHECK (check_kind = 'zone' OR protected_collection IS NOT NULL)
);
CREATE INDEX safety_rules_facility_idx ON safety_rules (facility_kind, check_kind);
CREATE TRIGGER safety_rules_updated_at BEFORE UPDATE ON safety_rules FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The pipeline-occupation register measures occupations against pipelines on geography: keep that on an index.
CREATE INDEX pipeline_occupations_geog_idx ON pipeline_occupations USING gist ((geom::geography));

-- Distance in metres between two EPSG:4326 geometries, exact at the sub-metre scale of the protection ranges.
-- ST_Distance on geography is used as is, except below 20 m: there, PostGIS 3.3's geodetic edge test treats nearly
-- parallel edges a metre or two apart as touching (measured on Debian's PostGIS 3.3.2: a building wall 1.0 m from and
-- parallel to a pipeline → 0 m; PGlite's PostGIS 3.6.2 gets 1.0 m), so the distance is recomputed in a local metric
-- frame — longitude scaled by N(φ)·cos φ and latitude by M(φ), the WGS 84 radii of curvature at the closest point —
-- where the scale error over 20 m is below 1e-5 (sub-millimetre).
CREATE FUNCTION local_distance_m(a geometry, b geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ST_Distance(ST_Scale(a, k.mx, k.my), ST_Scale(b, k.mx, k.my))
    FROM (SELECT 6378137 * cos(radians(c.phi)) / sqrt(1 - 0.0066943799901413 * sin(radians(c.phi))^2) * pi() / 180 AS mx,
                 6378137 * (1 - 0.0066943799901413) / power(1 - 0.0066943799901413 * sin(radians(c.phi))^2, 1.5) * pi() / 180 AS my
            FROM (SELECT ST_Y(ST_ClosestPoint(a, b)) AS phi) c) k
$$;

CREATE FUNCTION geo_distance_m(a geometry, b geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN d.m < 20 THEN local_distance_m(a, b) ELSE d.m END
    FROM (SELECT ST_Distance(a::geography, b::geography) AS m) d
$$;

-- 1. 《危险化学品安全管理条例》(2011修订) 第十九条 ✅ (standards.md §2.1): a production unit or storage facility holding a
--    major-hazard quantity keeps "the distances set by national rules" from the listed objects. The article gives no
--    number; the numbers are in GB 36894 / GB/T 37243 / GB 50160 (❌ not retrieved), so required_m is NULL and
--    configurable. Vehicle fuel stations are excluded by the article itself (no gas_station rows).
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, check_kind, protected_collection,
                          protected_kind, required_m, clause, verified, configurable, source, note)
SELECT 'hc19_' || o.item || '_' || o.collection || '_' || coalesce(o.kind, 'any') || '_' || f.kind,
       'hc19_' || o.item, o.title, o.title_en, o.detail, f.kind, 'min_distance', o.collection, o.kind, NULL,
       '《危险化学品安全管理条例》第十九条' || o.clause_item, false, true, 'standards.md §2.1 (条文 ✅；距离数值无)',
       '条文未给出距离数值：数值由国家标准规定（GB 36894 / GB/T 37243 / GB 50160，未核实），请由规划人员配置。'
FROM (VALUES ('hazard_source'), ('hazmat_storage'), ('chemical_plant')) AS f(kind)
CROSS JOIN (VALUES
  ('1', '第（一）项', '居住区、商业中心、公园等人员密集场所', 'Residential areas, commercial centres, parks and other crowded places',
        'protected_targets', 'residential', '居住区'),
  ('1', '第（一）项', '居住区、商业中心、公园等人员密集场所', 'Residential areas, commercial centres, parks and other crowded places',
        'protected_targets', 'mall', '商业中心'),
  ('2', '第（二）项', '学校、医院、影剧院、体育场（馆）等公共设施', 'Schools, hospitals, theatres, stadiums and other public facilities',
        'protected_targets', 'school', '学校'),
  ('2', '第（二）项', '学校、医院、影剧院、体育场（馆）等公共设施', 'Schools, hospitals, theatres, stadiums and other public facilities',
        'protected_targets', 'kindergarten', '幼儿园'),
  ('2', '第（二）项', '学校、医院、影剧院、体育场（馆）等公共设施', 'Schools, hospitals, theatres, stadiums and other public facilities',
        'protected_targets', 'hospital', '医院'),
  ('2', '第（二）项', '学校、医院、影剧院、体育场（馆）等公共设施', 'Schools, hospitals, theatres, stadiums and other public facilities',
        'protected_targets', 'cultural', '影剧院等文化设施'),
  ('2', '第（二）项', '学校、医院、影剧院、体育场（馆）等公共设施', 'Schools, hospitals, theatres, stadiums and other public facilities',
        'protected_targets', 'stadium', '体育场（馆）'),
  ('3', '第（三）项', '饮用水源、水厂以及水源保护区', 'Drinking-water sources, water plants, water-source protection zones',
        'protected_targets', 'water_source', '饮用水源'),
  ('4', '第（四）项', '车站、码头、机场、铁路线路、道路交通干线等', 'Stations, docks, airports, railway lines, trunk roads',
        'protected_targets', 'transport_hub', '车站、码头、机场'),
  ('4', '第（四）项', '车站、码头、机场、铁路线路、道路交通干线等', 'Stations, docks, airports, railway lines, trunk roads',
        'railways', NULL, '铁路线路'),
  ('4', '第（四）项', '车站、码头、机场、铁路线路、道路交通干线等', 'Stations, docks, airports, railway lines, trunk roads',
        'roads', 'expressway', '道路交通干线（高速公路）'),
  ('4', '第（四）项', '车站、码头、机场、铁路线路、道路交通干线等', 'Stations, docks, airports, railway lines, trunk roads',
        'roads', 'ring', '道路交通干线（环线）')
) AS o(item, clause_item, title, title_en, collection, kind, detail);

-- 2. GB 36894-2018 individual-risk criteria per protected-object class (§3.1.1: 高敏感 / 重要 / 一般防护目标) ✅ for the
--    classes, ❌ for the limits; the external safety distance follows from them via GB/T 37243-2019 (⚠️ partial).
--    No distance can be derived here → NULL, configurable.
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, check_kind, protected_collection,
                          protected_sensitivity, required_m, clause, verified, configurable, source, note)
SELECT 'gb36894_' || s.sens || '_' || f.kind, 'gb36894_' || s.sens,
       '外部安全防护距离（' || s.zh || '）', 'External safety distance (' || s.en || ')', NULL, f.kind, 'min_distance',
       'protected_targets', s.sens, NULL,
       'GB 36894-2018《危险化学品生产装置和储存设施风险基准》§3.1.1；距离按 GB/T 37243-2019 确定', false, true,
       'standards.md §2.2–2.3 (❌ 风险基准数值未取得)',
       '个人风险基准数值（表1）未核实，无法推算距离：请按定量风险评价结果配置。'
FROM (VALUES ('hazard_source'), ('hazmat_storage'), ('chemical_plant')) AS f(kind)
CROSS JOIN (VALUES ('high', '高敏感防护目标', 'highly sensitive targets'),
                   ('important', '重要防护目标', 'important targets'),
                   ('general', '一般防护目标', 'general targets')) AS s(sens, zh, en);

-- 3. GB 50160《石油化工企业设计防火标准》Table 4.1.9 (2008 ed./2018 rev.) ❌ not retrieved. The superseded 1999 table
--    (⚠️) must not be used as current values, so these rows carry no number. Measuring points are ✅ (Appendix A):
--    railway → centre line, road → road edge.
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, check_kind, protected_collection,
                          protected_kind, required_m, clause, verified, configurable, source, note)
VALUES
  ('gb50160_public_chemical_plant', 'gb50160_public', 'GB 50160 防火间距：居住区、公共福利设施、村庄',
   'GB 50160 fire separation: residential areas, public facilities, villages', NULL, 'chemical_plant', 'min_distance',
   'protected_targets', NULL, NULL, 'GB 50160《石油化工企业设计防火标准》表4.1.9', false, true,
   'standards.md §2.4 (❌ 现行表格未取得)', '现行版数值未核实；1999年版数值已废止，不得使用。'),
  ('gb50160_plant_chemical_plant', 'gb50160_plant', 'GB 50160 防火间距：相邻工厂（围墙）',
   'GB 50160 fire separation: neighbouring plants (fence)', NULL, 'chemical_plant', 'min_distance',
   'enterprises', NULL, NULL, 'GB 50160《石油化工企业设计防火标准》表4.1.9', false, true,
   'standards.md §2.4 (❌ 现行表格未取得)', '现行版数值未核实；1999年版数值已废止，不得使用。'),
  ('gb50160_rail_chemical_plant', 'gb50160_rail', 'GB 50160 防火间距：厂外铁路线（中心线）',
   'GB 50160 fire separation: railway lines outside the plant (centre line)', NULL, 'chemical_plant', 'min_distance',
   'railways', NULL, NULL, 'GB 50160《石油化工企业设计防火标准》表4.1.9；附录A 铁路自中心线起算', false, true,
   'standards.md §2.4 (❌ 现行表格未取得；量测点 ✅)', '现行版数值未核实；1999年版数值已废止，不得使用。'),
  ('gb50160_road_chemical_plant', 'gb50160_road', 'GB 50160 防火间距：厂外公路（路边）',
   'GB 50160 fire separation: roads outside the plant (road edge)', NULL, 'chemical_plant', 'min_distance',
   'roads', NULL, NULL, 'GB 50160《石油化工企业设计防火标准》表4.1.9；附录A 道路自路边起算', false, true,
   'standards.md §2.4 (❌ 现行表格未取得；量测点 ✅)', '现行版数值未核实；1999年版数值已废止，不得使用。');

-- 4. 《铁路安全管理条例》第三十三条 ✅: places producing, storing or selling flammable, explosive or radioactive goods beside
--    a railway line keep the distances of national/industry standards — no number (the 2004 fixed 200 m is superseded).
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, check_kind, protected_collection,
                          required_m, clause, verified, configurable, source, note)
SELECT 'rail33_' || f.kind, 'rail33', '易燃易爆物品场所与铁路线路的安全防护距离',
       'Flammable/explosive goods premises vs railway lines', NULL, f.kind, 'min_distance', 'railways', NULL,
       '《铁路安全管理条例》第三十三条', false, true, 'standards.md §4.1 (条文 ✅；距离数值无)',
       '条文只要求符合国家标准、行业标准规定的安全防护距离，未给出数值（2004年条例的200 m已废止）。适用于易燃、易爆、放射性物品场所。'
FROM (VALUES ('hazard_source'), ('hazmat_storage'), ('chemical_plant'), ('gas_station')) AS f(kind);

-- 5. Railway line safety protection zone — 《铁路安全管理条例》第二十七条 ✅ (standards.md §4.1), measured outward from the
--    embankment toe / cutting top / bridge outer side. The data holds centre lines only (see the note).
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, facility_subkind, area_class,
                          check_kind, required_m, clause, verified, configurable, source, note)
SELECT 'rail27_' || k.kind || '_' || a.area, 'rail27', '铁路线路安全保护区', 'Railway line safety protection zone',
       k.zh || '·' || a.zh, 'railway', k.kind, a.area, 'zone', CASE k.kind WHEN 'high_speed' THEN a.hs ELSE a.other END,
       '《铁路安全管理条例》第二十七条', true, false, 'standards.md §4.1 ✅',
       '自路堤坡脚、路堑坡顶或桥梁外侧起算；数据仅有线路中心线，实际距离自中心线量起（偏宽松）。区内建造须经铁路运输企业同意并签订安全协议（第三十条）；危险设施选址按不得进入处理。'
FROM (VALUES ('high_speed', '高速铁路'), ('other', '其他铁路')) AS k(kind, zh)
CROSS JOIN (VALUES ('urban', '城市市区', 10, 8), ('suburban_residential', '城市郊区居民居住区', 12, 10),
                   ('village_residential', '村镇居民居住区', 15, 12), ('other', '其他地区', 20, 15)) AS a(area, zh, hs, other);

-- 6. Gas pipelines. Distances are from the pipe's outer wall (diameter_mm/2 is subtracted from the centre-line distance).
--    a) GB 55009-2021 §5.1.6 minimum protection range ✅: low & medium 0.5 m, 次高压 1.5 m, 高压 and above 5.0 m.
--    b) 《上海市燃气管道设施保护办法》 safety protection range ⚠️ (summary source): 0.7 m (低/中/次高压), 6 m (高压/超高压).
--    c) same, safety control range ⚠️: up to 6 m (低/中/次高压) and 50 m (高压/超高压); works there need a protection plan
--       agreed with the pipeline company → effect 'restricted'.
--    The new 《上海市燃气条例》 (in force 2026-02-25) was not read ❌: b) and c) stay configurable.
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, facility_subkind, check_kind, effect,
                          required_m, clause, verified, configurable, source, note)
SELECT r.grp || '_' || p.cls, r.grp, r.title, r.title_en, p.cls || '燃气管道', 'gas_pipeline', p.cls, 'zone', r.effect,
       CASE p.band WHEN 'low_mid' THEN r.low_mid WHEN 'sub_high' THEN r.sub_high ELSE r.high END,
       r.clause, r.verified, NOT r.verified, r.source, r.note
FROM (VALUES ('低压', 'low_mid'), ('中压B', 'low_mid'), ('中压A', 'low_mid'), ('次高压B', 'sub_high'),
             ('次高压A', 'sub_high'), ('高压B', 'high'), ('高压A', 'high')) AS p(cls, band)
CROSS JOIN (VALUES
  ('gas_gb55009', '燃气管道最小保护范围（GB 55009）', 'Gas pipeline minimum protection range (GB 55009)', 'prohibited',
   0.5, 1.5, 5.0, 'GB 55009-2021《燃气工程项目规范》第5.1.6条', true, 'standards.md §3.3 ✅',
   '自管道外缘起算；保护范围内不得建设占压管道的建筑物、构筑物（《城镇燃气管理条例》第三十三条，⚠️）。'),
  ('gas_sh_protect', '燃气管道安全保护范围（上海）', 'Gas pipeline safety protection range (Shanghai)', 'prohibited',
   0.7, 0.7, 6.0, '《上海市燃气管道设施保护办法》第六条', false, 'standards.md §3.3 ⚠️（数值来自摘要）',
   '管道外壁两侧；保护范围内禁止建设建筑物、构筑物。新《上海市燃气条例》（2026-02-25施行）相关条款未核实。'),
  ('gas_sh_control', '燃气管道安全控制范围（上海）', 'Gas pipeline safety control range (Shanghai)', 'restricted',
   6.0, 6.0, 50.0, '《上海市燃气管道设施保护办法》第六条、第八条', false, 'standards.md §3.3 ⚠️（数值来自摘要）',
   '控制范围 0.7–6 m（低压/中压/次高压）、6–50 m（高压/超高压）：可能影响管道的作业须与管道企业商定保护方案，故判定为“待定”。')
) AS r(grp, title, title_en, effect, low_mid, sub_high, high, clause, verified, source, note);

-- 7. City plan: no major hazard source / chemical plant / hazmat storage inside the Outer Ring Road (planning_areas kind
--    outer_ring_inside). Not in standards.md → verified = false.
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, check_kind, protected_collection,
                          protected_kind, clause, verified, configurable, source, note)
SELECT 'outer_ring_' || f.kind, 'outer_ring', '外环线以内不得设置', 'Not inside the Outer Ring Road', NULL, f.kind,
       'not_inside', 'planning_areas', 'outer_ring_inside', '上海市城市规划：外环线以内危险化学品设施调整（条文未核实）', false, false,
       '城市规划要求（standards.md 未收录，未核实）', '外环线以内的既有设施列入调整/搬迁台账。'
FROM (VALUES ('hazard_source'), ('hazmat_storage'), ('chemical_plant')) AS f(kind);

-- 8. New chemical plants go into a recognised chemical park (化工园区). Governing document named in standards.md §5
--    (工信部联原〔2021〕220号, ⚠️ name only); the requirement text was not read → verified = false.
INSERT INTO safety_rules (code, rule_group, title, title_en, detail, facility_kind, check_kind, protected_collection,
                          clause, verified, configurable, source, note)
VALUES ('chem_park_chemical_plant', 'chem_park', '化工项目须位于化工园区内', 'Chemical plants must be inside a chemical park',
        NULL, 'chemical_plant', 'must_be_inside', 'chemical_parks',
        '《化工园区建设标准和认定管理办法（试行）》工信部联原〔2021〕220号（入园要求条文未核实）', false, false,
        'standards.md §5 ⚠️（仅文件名）', '须完全位于已认定化工园区范围内。');
