-- GB 18218-2018 《危险化学品重大危险源辨识》 reference data: Table 1 (named substances, 85 rows) into `chemicals`,
-- Table 2 (critical quantities by hazard class) with Table 4 (β by class) into `hazard_classes`, Table 3 (β of the
-- named toxic gases) into chemicals.beta with beta_table = 'table3'.
-- Source of every number: shared/domain/standards.md §1.2–§1.6 (extraction of the standard, CAS check digits verified).
--
-- β of a Table-1 substance that is not one of the Table-3 toxic gases comes from Table 4 by the substance's hazard
-- class. The standard does not print a class per Table-1 row, so the class in chemicals.hazard_class is the project's
-- assignment from the substance's GHS classification (stated per row below; not verified against the text of
-- 《危险化学品目录》). Rules used:
--   * several Table-2 classes apply → the class with the largest Table-4 β (the unit's worst hazard);
--   * flammable liquids of category 2/3 → W5.3/W5.4 (β 1): W5.1/W5.2 depend on process conditions (working above the
--     boiling point, 危险化工工艺, > 1.6 MPa …), which a caller states by passing hazardClass "W5.1"/"W5.2";
--   * where the class is genuinely uncertain and the candidates differ in β, the larger β (conservative) is taken;
--   * where every candidate class has the same β, hazard_class stays NULL and beta_note says why β is still certain.
-- A caller may override the class (hence β) of a Table-4 row per request; Q always stays the Table-1 value.
--
-- Row 13 煤气 (CO, mixtures of CO with H₂, CH₄ …): Table 3 names 一氧化碳 (β = 2) but CO has no Table-1 row of its own;
-- row 13 covers CO and CO-bearing gas mixtures, whose toxic hazard is the CO, so row 13 takes β = 2 from Table 3
-- (larger than W2's 1.5) and 一氧化碳 is added as an alias (a project addition: the standard lists no CAS for row 13).
--
-- UN numbers only where they are certain for the row as worded; NULL otherwise (e.g. 甲醛>90%, 过乙酸, 烷基铝).

-- Normalised lookup key: NFKC (full-width → ASCII, ₂ → 2), no whitespace, lower case.
CREATE FUNCTION chem_key(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(regexp_replace(normalize(s, NFKC), '\s+', '', 'g'));

-- Every key a substance can be looked up by: name, English name, aliases, CAS numbers, UN number (with and without "UN").
CREATE FUNCTION chem_match_keys(name text, name_en text, aliases text[], cas text[], un_number text)
  RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN ARRAY(SELECT DISTINCT k FROM unnest(
           ARRAY[chem_key(name), chem_key(name_en), chem_key(un_number), chem_key('UN' || un_number)]
           || ARRAY(SELECT chem_key(a) FROM unnest(aliases) a)
           || ARRAY(SELECT chem_key(x) FROM unnest(cas) x)) k
         WHERE k IS NOT NULL AND k <> '');

ALTER TABLE chemicals
  ADD COLUMN beta_note text,
  ADD COLUMN match_keys text[] GENERATED ALWAYS AS (chem_match_keys(name, name_en, aliases, cas, un_number)) STORED;
CREATE INDEX chemicals_match_keys_idx ON chemicals USING gin (match_keys);

CREATE TABLE hazard_classes (
  symbol               text PRIMARY KEY,
  category             text NOT NULL,
  category_en          text NOT NULL,
  description          text NOT NULL,
  critical_quantity_t  numeric NOT NULL CHECK (critical_quantity_t > 0),  -- GB 18218-2018 Table 2
  beta                 numeric NOT NULL CHECK (beta > 0),                 -- GB 18218-2018 Table 4
  note                 text
);

-- Table 2 (Q) and Table 4 (β). standards.md §1.3 discrepancy D2: the J5 wording differs between sources
-- ("类别2 … 液体(除J4外)、固体" vs "类别2、3 … (除吸入途径)"); Q = 500 t and β = 1 are the same in both.
INSERT INTO hazard_classes (symbol, category, category_en, description, critical_quantity_t, beta, note) VALUES
  ('J1',   '急性毒性', 'Acute toxicity', '类别1,所有暴露途径,气体', 5, 4, NULL),
  ('J2',   '急性毒性', 'Acute toxicity', '类别1,所有暴露途径,固体、液体', 50, 1, NULL),
  ('J3',   '急性毒性', 'Acute toxicity', '类别2、类别3,所有暴露途径,气体', 50, 2, NULL),
  ('J4',   '急性毒性', 'Acute toxicity', '类别2、类别3,吸入途径,液体(沸点≤35℃)', 50, 2, NULL),
  ('J5',   '急性毒性', 'Acute toxicity', '类别2,所有暴露途径,液体(除J4外)、固体', 500, 1,
           '描述存在出入 (standards.md D2): 另一来源为"类别2、3,所有暴露途径,固体、液体(除吸入途径)"; Q、β 相同'),
  ('W1.1', '爆炸物', 'Explosives', '不稳定爆炸物;1.1项爆炸物', 1, 2, NULL),
  ('W1.2', '爆炸物', 'Explosives', '1.2、1.3、1.5、1.6项爆炸物', 10, 2, NULL),
  ('W1.3', '爆炸物', 'Explosives', '1.4项爆炸物', 50, 2, NULL),
  ('W2',   '易燃气体', 'Flammable gases', '类别1和类别2', 10, 1.5, NULL),
  ('W3',   '气溶胶', 'Aerosols', '类别1和类别2', 150, 1, '临界量按净重计 (net weight)'),
  ('W4',   '氧化性气体', 'Oxidizing gases', '类别1', 50, 1, NULL),
  ('W5.1', '易燃液体', 'Flammable liquids', '类别1;类别2和3,工作温度高于沸点', 10, 1.5, NULL),
  ('W5.2', '易燃液体', 'Flammable liquids',
           '类别2和3,具有引发重大事故的特殊工艺条件(包括危险化工工艺、爆炸极限范围或附近操作、操作压力大于1.6 MPa等)', 50, 1, NULL),
  ('W5.3', '易燃液体', 'Flammable liquids', '不属于W5.1或W5.2的其他类别2', 1000, 1, NULL),
  ('W5.4', '易燃液体', 'Flammable liquids', '不属于W5.1或W5.2的其他类别3', 5000, 1, NULL),
  ('W6.1', '自反应物质和混合物', 'Self-reactive substances and mixtures', 'A型和B型', 10, 1.5, NULL),
  ('W6.2', '自反应物质和混合物', 'Self-reactive substances and mixtures', 'C型、D型、E型', 50, 1, NULL),
  ('W7.1', '有机过氧化物', 'Organic peroxides', 'A型和B型', 10, 1.5, NULL),
  ('W7.2', '有机过氧化物', 'Organic peroxides', 'C型、D型、E型、F型', 50, 1, NULL),
  ('W8',   '自燃液体和自燃固体', 'Pyrophoric liquids and solids', '类别1自燃液体;类别1自燃固体', 50, 1, NULL),
  ('W9.1', '氧化性固体和液体', 'Oxidizing solids and liquids', '类别1', 50, 1, NULL),
  ('W9.2', '氧化性固体和液体', 'Oxidizing solids and liquids', '类别2、类别3', 200, 1, NULL),
  ('W10',  '易燃固体', 'Flammable solids', '类别1易燃固体', 200, 1, NULL),
  ('W11',  '遇水放出易燃气体的物质和混合物', 'Substances which in contact with water emit flammable gases', '类别1和类别2', 200, 1, NULL);

-- Table 1. Columns: seq, name, English name, aliases, CAS, UN, Q (t), class (project assignment, see header),
-- β, β table, note. The trailing comment of each row states the class assignment behind β.
INSERT INTO chemicals (table1_seq, name, name_en, aliases, cas, un_number, critical_quantity_t, hazard_class, beta, beta_table, beta_note) VALUES
  (1,  '氨', 'Ammonia', '{液氨,氨气}', '{7664-41-7}', '1005', 10, NULL, 2, 'table3', NULL),                       -- Table 3
  (2,  '二氟化氧', 'Oxygen difluoride', '{一氧化二氟}', '{7783-41-7}', '2190', 1, 'J1', 4, 'table4',
       'J1(急性毒性类别1气体,剧毒)与W4(氧化性气体)取β较大者 / J1 over W4 (larger β)'),                          -- acute tox 1 gas + oxidizing gas
  (3,  '二氧化氮', 'Nitrogen dioxide', '{}', '{10102-44-0}', '1067', 1, NULL, 10, 'table3', NULL),                -- Table 3
  (4,  '二氧化硫', 'Sulfur dioxide', '{亚硫酸酐}', '{7446-09-5}', '1079', 20, NULL, 2, 'table3', NULL),           -- Table 3
  (5,  '氟', 'Fluorine', '{氟气}', '{7782-41-4}', '1045', 1, 'J1', 4, 'table4',
       'J1(按剧毒气体计,吸入类别1/2存疑时取较大β)与W4取β较大者 / acute tox 1 gas assumed (conservative) over W4'),
  (6,  '碳酰氯', 'Phosgene (carbonyl dichloride)', '{光气}', '{75-44-5}', '1076', 0.3, NULL, 20, 'table3', NULL), -- Table 3
  (7,  '环氧乙烷', 'Ethylene oxide', '{氧化乙烯}', '{75-21-8}', '1040', 10, NULL, 2, 'table3', NULL),             -- Table 3
  (8,  '甲醛(含量>90%)', 'Formaldehyde (> 90 %)', '{蚁醛}', '{50-00-0}', NULL, 5, 'J3', 2, 'table4',
       'J3(急性毒性类别3,气体)与W2(易燃气体)取β较大者 / J3 over W2 (larger β)'),
  (9,  '磷化氢', 'Phosphine', '{磷化三氢,膦}', '{7803-51-2}', '2199', 1, NULL, 20, 'table3', NULL),              -- Table 3
  (10, '硫化氢', 'Hydrogen sulfide', '{}', '{7783-06-4}', '1053', 5, NULL, 5, 'table3', NULL),                    -- Table 3
  (11, '氯化氢(无水)', 'Hydrogen chloride, anhydrous', '{氯化氢}', '{7647-01-0}', '1050', 20, NULL, 3, 'table3', NULL), -- Table 3
  (12, '氯', 'Chlorine', '{液氯,氯气}', '{7782-50-5}', '1017', 5, NULL, 4, 'table3', NULL),                      -- Table 3
  (13, '煤气(CO,CO和H₂、CH₄的混合物等)', 'Coal gas (CO; mixtures of CO with H2, CH4 etc.)', '{煤气,一氧化碳}', '{}', NULL, 20,
       NULL, 2, 'table3',
       '表3"一氧化碳"β=2用于第13项(CO及含CO混合气体);别名"一氧化碳"为本系统补充 / Table-3 CO β applied to row 13'),
  (14, '砷化氢', 'Arsine', '{砷化三氢,胂}', '{7784-42-1}', '2188', 1, 'J1', 4, 'table4',
       'J1(剧毒气体)与W2取β较大者 / acute tox 1 gas over W2'),
  (15, '锑化氢', 'Stibine', '{三氢化锑,锑化三氢}', '{7803-52-3}', '2676', 1, 'J1', 4, 'table4',
       'J1(剧毒气体)与W2取β较大者 / acute tox 1 gas over W2'),
  (16, '硒化氢', 'Hydrogen selenide', '{}', '{7783-07-5}', '2202', 1, 'J1', 4, 'table4',
       'J1(剧毒气体)与W2取β较大者 / acute tox 1 gas over W2'),
  (17, '溴甲烷', 'Methyl bromide', '{甲基溴}', '{74-83-9}', '1062', 10, NULL, 3, 'table3', NULL),                 -- Table 3
  (18, '丙酮氰醇', 'Acetone cyanohydrin', '{丙酮合氰化氢,2-羟基异丁腈,氰丙醇}', '{75-86-5}', '1541', 20, 'J2', 1, 'table4', NULL), -- acute tox 1 liquid
  (19, '丙烯醛', 'Acrolein', '{烯丙醛,败脂醛}', '{107-02-8}', '1092', 20, 'J2', 1, 'table4',
       'J2(急性毒性类别1液体)与W5.3同为β=1 / J2 and W5.3 both β 1'),
  (20, '氟化氢', 'Hydrogen fluoride', '{}', '{7664-39-3}', '1052', 1, NULL, 5, 'table3', NULL),                   -- Table 3
  (21, '1-氯-2,3-环氧丙烷', 'Epichlorohydrin', '{环氧氯丙烷,"3-氯-1,2-环氧丙烷"}', '{106-89-8}', '2023', 20, 'W5.4', 1, 'table4',
       '易燃液体类别3;急性毒性类别3(J5是否含类别3见D2)亦为β=1 / flam. liq. 3; any acute-tox class also β 1'),
  (22, '3-溴-1,2-环氧丙烷', 'Epibromohydrin', '{环氧溴丙烷,溴甲基环氧乙烷,表溴醇}', '{3132-64-7}', '2558', 20, 'W5.4', 1, 'table4',
       '易燃液体类别3;急性毒性类别亦为β=1 / flam. liq. 3; acute-tox classes also β 1'),
  (23, '甲苯二异氰酸酯', 'Toluene diisocyanate', '{二异氰酸甲苯酯,TDI}', '{26471-62-5}', '2078', 100, 'J5', 1, 'table4', NULL), -- acute tox 2 inhalation, liquid bp > 35 °C
  (24, '一氯化硫', 'Sulfur monochloride', '{氯化硫}', '{10025-67-9}', '1828', 1, NULL, 1, 'table4',
       '急性毒性(J2或J5)β均为1 / acute toxicity J2 or J5: β 1 either way'),
  (25, '氰化氢', 'Hydrogen cyanide', '{无水氢氰酸}', '{74-90-8}', '1051', 1, NULL, 10, 'table3', NULL),           -- Table 3
  (26, '三氧化硫', 'Sulfur trioxide', '{硫酸酐}', '{7446-11-9}', '1829', 75, NULL, 1, 'table4',
       '腐蚀性物质,不属表2任何类别;取表4最小值β=1 (同2011年方法"其他类别β=1") / corrosive, no Table-2 class: β 1'),
  (27, '3-氨基丙烯', 'Allylamine', '{烯丙胺}', '{107-11-9}', '2334', 20, NULL, 1, 'table4',
       '急性毒性(J2/J5)与易燃液体W5.3 β均为1 / acute toxicity and flam. liq.: β 1 either way'),
  (28, '溴', 'Bromine', '{溴素}', '{7726-95-6}', '1744', 20, NULL, 1, 'table4',
       '急性毒性吸入(液体,J2或J5)β均为1 / acute toxicity (liquid) J2 or J5: β 1 either way'),
  (29, '乙撑亚胺', 'Ethyleneimine (aziridine)', '{吖丙啶,1-氮杂环丙烷,氮丙啶}', '{151-56-4}', '1185', 20, 'J2', 1, 'table4', NULL), -- acute tox 1 liquid; W5.3 also β 1
  (30, '异氰酸甲酯', 'Methyl isocyanate', '{甲基异氰酸酯}', '{624-83-9}', '2480', 0.75, NULL, 20, 'table3', NULL), -- Table 3
  (31, '叠氮化钡', 'Barium azide', '{叠氮钡}', '{18810-58-7}', NULL, 0.5, 'W1.1', 2, 'table4', NULL),            -- explosive (UN 0224 dry / 1571 wetted: UN left NULL)
  (32, '叠氮化铅', 'Lead azide', '{}', '{13424-46-9}', '0129', 0.5, 'W1.1', 2, 'table4', NULL),                 -- explosive 1.1A
  (33, '雷汞', 'Mercury fulminate', '{二雷酸汞,雷酸汞}', '{628-86-4}', '0135', 0.5, 'W1.1', 2, 'table4', NULL),   -- explosive 1.1A
  (34, '三硝基苯甲醚', 'Trinitroanisole', '{三硝基茴香醚}', '{28653-16-9}', '0213', 5, 'W1.1', 2, 'table4', NULL), -- explosive 1.1D
  (35, '2,4,6-三硝基甲苯', '2,4,6-Trinitrotoluene (TNT)', '{梯恩梯,TNT}', '{118-96-7}', '0209', 5, 'W1.1', 2, 'table4', NULL), -- explosive 1.1D
  (36, '硝化甘油', 'Nitroglycerin', '{硝化丙三醇,甘油三硝酸酯}', '{55-63-0}', NULL, 1, 'W1.1', 2, 'table4', NULL), -- explosive
  (37, '硝化纤维素[干的或含水(或乙醇)<25%]', 'Nitrocellulose, dry or wetted with < 25 % water (or alcohol)', '{硝化棉}', '{9004-70-0}',
       '0340', 1, 'W1.1', 2, 'table4', NULL),                                                                   -- explosive 1.1D
  (38, '硝化纤维素(未改型的,或增塑的,含增塑剂<18%)', 'Nitrocellulose, unmodified or plasticized with < 18 % plasticizer',
       '{硝化棉}', '{9004-70-0}', '0341', 1, 'W1.1', 2, 'table4', NULL),                                          -- explosive 1.1D
  (39, '硝化纤维素(含乙醇≥25%)', 'Nitrocellulose, wetted with ≥ 25 % alcohol', '{硝化棉}', '{9004-70-0}', '0342', 10,
       'W1.2', 2, 'table4', NULL),                                                                              -- explosive 1.3C
  (40, '硝化纤维素(含氮≤12.6%)', 'Nitrocellulose, nitrogen ≤ 12.6 %', '{硝化棉}', '{9004-70-0}', NULL, 50, 'W10', 1, 'table4',
       '按易燃固体(运输4.1项)计 / taken as flammable solid (transport class 4.1)'),
  (41, '硝化纤维素(含水≥25%)', 'Nitrocellulose, wetted with ≥ 25 % water', '{硝化棉}', '{9004-70-0}', '2555', 50, 'W10', 1, 'table4', NULL), -- flammable solid (4.1)
  (42, '硝化纤维素溶液(含氮量≤12.6%,含硝化纤维素≤55%)', 'Nitrocellulose solution, flammable (N ≤ 12.6 %, nitrocellulose ≤ 55 %)',
       '{硝化棉溶液}', '{9004-70-0}', '2059', 50, 'W5.3', 1, 'table4',
       '易燃液体;名称按提取文本"≤55%"(与UN 2059一致,见D1) / flammable liquid; "≤ 55 %" as in UN 2059 (discrepancy D1)'),
  (43, '硝酸铵(含可燃物>0.2%,包括以碳计算的任何有机物,但不包括任何其他添加剂)',
       'Ammonium nitrate, > 0.2 % combustible substances', '{}', '{6484-52-2}', '0222', 5, 'W1.1', 2, 'table4', NULL), -- explosive 1.1D
  (44, '硝酸铵(含可燃物≤0.2%)', 'Ammonium nitrate, ≤ 0.2 % combustible substances', '{}', '{6484-52-2}', '1942', 50, 'W9.2', 1, 'table4', NULL), -- oxidizing solid 3
  (45, '硝酸铵肥料(含可燃物≤0.4%)', 'Ammonium nitrate based fertilizer (≤ 0.4 % combustible)', '{}', '{}', '2067', 200, 'W9.2', 1, 'table4', NULL), -- oxidizing solid 3
  (46, '硝酸钾', 'Potassium nitrate', '{}', '{7757-79-1}', '1486', 1000, 'W9.2', 1, 'table4', NULL),             -- oxidizing solid 3
  (47, '1,3-丁二烯', '1,3-Butadiene', '{联乙烯,丁二烯}', '{106-99-0}', '1010', 5, 'W2', 1.5, 'table4', NULL),    -- flammable gas 1
  (48, '二甲醚', 'Dimethyl ether', '{甲醚}', '{115-10-6}', '1033', 50, 'W2', 1.5, 'table4', NULL),              -- flammable gas 1
  (49, '甲烷,天然气', 'Methane, natural gas', '{甲烷,天然气}', '{74-82-8,8006-14-2}', '1971', 50, 'W2', 1.5, 'table4', NULL), -- flammable gas 1
  (50, '氯乙烯', 'Vinyl chloride', '{乙烯基氯}', '{75-01-4}', '1086', 50, 'W2', 1.5, 'table4', NULL),           -- flammable gas 1
  (51, '氢', 'Hydrogen', '{氢气}', '{1333-74-0}', '1049', 5, 'W2', 1.5, 'table4', NULL),                         -- flammable gas 1
  (52, '液化石油气(含丙烷、丁烷及其混合物)', 'Liquefied petroleum gas (propane, butane and mixtures)',
       '{石油气(液化的),液化石油气,LPG,丙烷,丁烷}', '{68476-85-7,74-98-6,106-97-8}', '1075', 50, 'W2', 1.5, 'table4', NULL), -- flammable gas 1
  (53, '一甲胺', 'Methylamine', '{氨基甲烷,甲胺}', '{74-89-5}', '1061', 5, 'W2', 1.5, 'table4', NULL),          -- flammable gas 1 (acute tox 4 not in Table 2)
  (54, '乙炔', 'Acetylene', '{电石气}', '{74-86-2}', '1001', 1, 'W2', 1.5, 'table4', NULL),                      -- flammable gas 1
  (55, '乙烯', 'Ethylene', '{}', '{74-85-1}', '1962', 50, 'W2', 1.5, 'table4', NULL),                           -- flammable gas 1
  (56, '氧(压缩的或液化的)', 'Oxygen, compressed or liquefied', '{氧,液氧,氧气}', '{7782-44-7}', '1072', 200, 'W4', 1, 'table4', NULL), -- oxidizing gas 1
  (57, '苯', 'Benzene', '{纯苯}', '{71-43-2}', '1114', 50, 'W5.3', 1, 'table4', NULL),                          -- flam. liq. 2
  (58, '苯乙烯', 'Styrene', '{乙烯苯}', '{100-42-5}', '2055', 500, 'W5.4', 1, 'table4', NULL),                  -- flam. liq. 3
  (59, '丙酮', 'Acetone', '{二甲基酮}', '{67-64-1}', '1090', 500, 'W5.3', 1, 'table4', NULL),                   -- flam. liq. 2
  (60, '2-丙烯腈', 'Acrylonitrile', '{丙烯腈,乙烯基氰,氰基乙烯}', '{107-13-1}', '1093', 50, 'W5.3', 1, 'table4', NULL), -- flam. liq. 2; acute tox 3 also β 1
  (61, '二硫化碳', 'Carbon disulfide', '{}', '{75-15-0}', '1131', 50, 'W5.3', 1, 'table4', NULL),              -- flam. liq. 2 (bp 46 °C)
  (62, '环己烷', 'Cyclohexane', '{六氢化苯}', '{110-82-7}', '1145', 500, 'W5.3', 1, 'table4', NULL),            -- flam. liq. 2
  (63, '1,2-环氧丙烷', '1,2-Propylene oxide', '{环氧丙烷,氧化丙烯,甲基环氧乙烷}', '{75-56-9}', '1280', 10, 'W5.1', 1.5, 'table4',
       '易燃液体类别1(沸点约34℃≤35℃) / flam. liq. 1 (bp ≈ 34 °C)'),
  (64, '甲苯', 'Toluene', '{甲基苯,苯基甲烷}', '{108-88-3}', '1294', 500, 'W5.3', 1, 'table4', NULL),          -- flam. liq. 2
  (65, '甲醇', 'Methanol', '{木醇,木精}', '{67-56-1}', '1230', 500, 'W5.3', 1, 'table4', NULL),                 -- flam. liq. 2; acute tox 3 also β 1
  (66, '汽油(乙醇汽油、甲醇汽油)', 'Gasoline (incl. ethanol and methanol gasoline)', '{汽油,乙醇汽油,甲醇汽油}', '{86290-81-5}',
       '1203', 200, 'W5.3', 1, 'table4',
       '按易燃液体类别2计;初沸点≤35℃的汽油属类别1,应传 hazardClass "W5.1"(β=1.5) / category 2 assumed; pass W5.1 for IBP ≤ 35 °C'),
  (67, '乙醇', 'Ethanol', '{酒精}', '{64-17-5}', '1170', 500, 'W5.3', 1, 'table4', NULL),                       -- flam. liq. 2
  (68, '乙醚', 'Diethyl ether', '{二乙基醚}', '{60-29-7}', '1155', 10, 'W5.1', 1.5, 'table4',
       '易燃液体类别1(沸点34.6℃) / flam. liq. 1 (bp 34.6 °C)'),
  (69, '乙酸乙酯', 'Ethyl acetate', '{醋酸乙酯}', '{141-78-6}', '1173', 500, 'W5.3', 1, 'table4', NULL),        -- flam. liq. 2
  (70, '正己烷', 'n-Hexane', '{己烷}', '{110-54-3}', '1208', 500, 'W5.3', 1, 'table4', NULL),                   -- flam. liq. 2
  (71, '过乙酸', 'Peracetic acid', '{过醋酸,过氧乙酸,乙酰过氧化氢}', '{79-21-0}', NULL, 10, 'W7.1', 1.5, 'table4',
       '有机过氧化物型别随含量而定(B~F型),未定时取W7.1(β较大) / organic peroxide type depends on concentration: W7.1 assumed (conservative)'),
  (72, '过氧化甲基乙基酮(10%<有效氧含量≤10.7%,含A型稀释剂≥48%)',
       'Methyl ethyl ketone peroxide (10 % < active oxygen ≤ 10.7 %, ≥ 48 % diluent type A)', '{过氧化甲乙酮,MEKP}', '{1338-23-4}',
       NULL, 10, 'W7.1', 1.5, 'table4', NULL),                                                                 -- organic peroxide type B
  (73, '白磷', 'White phosphorus', '{黄磷}', '{12185-10-3}', '1381', 50, 'W8', 1, 'table4', NULL),              -- pyrophoric solid 1; acute tox also β 1
  (74, '烷基铝', 'Aluminium alkyls', '{三烷基铝}', '{}', NULL, 1, 'W8', 1, 'table4', NULL),                     -- pyrophoric liquid 1; W11 also β 1
  (75, '戊硼烷', 'Pentaborane', '{五硼烷}', '{19624-22-7}', '1380', 1, 'W8', 1, 'table4', NULL),                 -- pyrophoric liquid 1; acute tox also β 1
  (76, '过氧化钾', 'Potassium peroxide', '{}', '{17014-71-0}', '1491', 20, 'W9.1', 1, 'table4', NULL),          -- oxidizing solid 1
  (77, '过氧化钠', 'Sodium peroxide', '{双氧化钠,二氧化钠}', '{1313-60-6}', '1504', 20, 'W9.1', 1, 'table4', NULL), -- oxidizing solid 1
  (78, '氯酸钾', 'Potassium chlorate', '{}', '{3811-04-9}', '1485', 100, 'W9.1', 1, 'table4', NULL),            -- oxidizing solid 1
  (79, '氯酸钠', 'Sodium chlorate', '{}', '{7775-09-9}', '1495', 100, 'W9.1', 1, 'table4', NULL),               -- oxidizing solid 1
  (80, '发烟硝酸', 'Nitric acid, red fuming', '{}', '{52583-42-3}', '2032', 20, 'W9.1', 1, 'table4', NULL),     -- oxidizing liquid 1
  (81, '硝酸(发红烟的除外,含硝酸>70%)', 'Nitric acid, other than red fuming, > 70 %', '{}', '{7697-37-2}', '2031', 100, NULL, 1, 'table4',
       '氧化性液体(W9.1或W9.2)β均为1 / oxidizing liquid W9.1 or W9.2: β 1 either way'),
  (82, '硝酸胍', 'Guanidine nitrate', '{硝酸亚氨脲}', '{506-93-4}', '1467', 50, 'W9.2', 1, 'table4', NULL),      -- oxidizing solid 3
  (83, '碳化钙', 'Calcium carbide', '{电石}', '{75-20-7}', '1402', 100, 'W11', 1, 'table4', NULL),              -- water-reactive 1
  (84, '钾', 'Potassium', '{金属钾}', '{7440-09-7}', '2257', 1, 'W11', 1, 'table4', NULL),                      -- water-reactive 1
  (85, '钠', 'Sodium', '{金属钠}', '{7440-23-5}', '1428', 10, 'W11', 1, 'table4', NULL);                        -- water-reactive 1
