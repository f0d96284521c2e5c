import { describe, expect, it } from 'vitest';
import { Cql2Error, normalizeTimestamp, parseCql2Text, type Expr } from '../src/ogc/cql2.ts';
import { compileFilter, degreesFor, Params } from '../src/ogc/sql.ts';
import { defaultCrs, parseCrs } from '../src/ogc/crs.ts';
import type { ColumnInfo, OgcCollection } from '../src/ogc/collections.ts';

/** 0-based position of a Cql2Error thrown by fn */
function errorAt(fn: () => unknown): number {
  try { fn(); } catch (e) {
    expect(e).toBeInstanceOf(Cql2Error);
    return (e as Cql2Error).position;
  }
  throw new Error('expected a Cql2Error');
}

describe('CQL2-text parser', () => {
  it('gives AND precedence over OR, and NOT over AND', () => {
    const e = parseCql2Text("a = 1 OR NOT b = 2 AND c = 'x'");
    expect(e.kind).toBe('or');
    const [first, second] = (e as Extract<Expr, { args: Expr[] }>).args;
    expect(first).toMatchObject({ kind: 'compare', op: '=', left: { kind: 'property', name: 'a' }, right: { kind: 'number', value: 1 } });
    expect(second).toMatchObject({ kind: 'and', args: [{ kind: 'not', arg: { kind: 'compare', op: '=' } }, { kind: 'compare', right: { kind: 'string', value: 'x' } }] });
  });

  it('honours parentheses and keywords in any case', () => {
    const e = parseCql2Text('(a > 1 or b <= 2) and c <> 3');
    expect(e).toMatchObject({ kind: 'and', args: [{ kind: 'or', args: [{ op: '>' }, { op: '<=' }] }, { op: '<>' }] });
  });

  it('reads string escapes, signed and exponent numbers, booleans, quoted and Chinese property names', () => {
    expect(parseCql2Text("name = 'O''Brien'")).toMatchObject({ right: { kind: 'string', value: "O'Brien" } });
    expect(parseCql2Text("name = 'O\\'Brien'")).toMatchObject({ right: { kind: 'string', value: "O'Brien" } });
    expect(parseCql2Text('x >= -1.5e2')).toMatchObject({ right: { kind: 'number', value: -150 } });
    expect(parseCql2Text('enclosed = TRUE')).toMatchObject({ right: { kind: 'boolean', value: true } });
    expect(parseCql2Text('"风险 等级" = \'red\'')).toMatchObject({ left: { kind: 'property', name: '风险 等级' } });
    expect(parseCql2Text("区县 = '浦东新区'")).toMatchObject({ left: { kind: 'property', name: '区县' }, right: { value: '浦东新区' } });
    expect(parseCql2Text('enclosed')).toMatchObject({ kind: 'truthy', value: { kind: 'property', name: 'enclosed' } });
  });

  it('parses LIKE, BETWEEN, IN, IS NULL and their negations', () => {
    expect(parseCql2Text("name NOT LIKE '%化工%'")).toMatchObject({ kind: 'like', not: true, pattern: { value: '%化工%' } });
    expect(parseCql2Text('employees BETWEEN 100 AND 200 AND x = 1')).toMatchObject({
      kind: 'and', args: [{ kind: 'between', not: false, low: { value: 100 }, high: { value: 200 } }, { kind: 'compare' }],
    });
    expect(parseCql2Text("risk_level NOT IN ('red', 'orange')")).toMatchObject({ kind: 'in', not: true, list: [{ value: 'red' }, { value: 'orange' }] });
    expect(parseCql2Text('industry IS NOT NULL')).toMatchObject({ kind: 'isNull', not: true });
    expect(parseCql2Text("CASEI(name) LIKE CASEI('abc%')")).toMatchObject({ kind: 'like', value: { kind: 'casei' }, pattern: { kind: 'casei' } });
  });

  it('parses DATE and TIMESTAMP instants, adding Z to a timestamp without offset', () => {
    expect(parseCql2Text("found_at >= DATE('2024-02-29')")).toMatchObject({ right: { kind: 'date', value: '2024-02-29' } });
    expect(parseCql2Text("fix_time < TIMESTAMP('2024-05-01T08:00:00')")).toMatchObject({ right: { kind: 'timestamp', value: '2024-05-01T08:00:00Z' } });
    expect(normalizeTimestamp('2024-05-01T08:00:00.250+08:00')).toBe('2024-05-01T08:00:00.250+08:00');
    // 2023 is not a leap year: 29 February does not exist
    expect(errorAt(() => parseCql2Text("found_at = DATE('2023-02-29')"))).toBe(16);
    expect(errorAt(() => parseCql2Text("t = TIMESTAMP('2024-05-01 25:00:00Z')"))).toBe(14);
  });

  it('parses WKT literals, BBOX and ENVELOPE, dropping Z', () => {
    expect(parseCql2Text('S_INTERSECTS(geom, POINT(121.5 31.2))')).toMatchObject({
      kind: 'spatial', op: 'S_INTERSECTS', left: { kind: 'property', name: 'geom' },
      right: { kind: 'geometry', geometry: { type: 'Point', coordinates: [121.5, 31.2] } },
    });
    expect(parseCql2Text('S_WITHIN(geom, POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1)))')).toMatchObject({
      right: { geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.1]]] } },
    });
    expect(parseCql2Text('S_CROSSES(geom, LINESTRING Z (0 0 5, 1 1 6))')).toMatchObject({ right: { geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } } });
    expect(parseCql2Text('S_INTERSECTS(geom, MULTIPOINT((1 2), (3 4)))')).toMatchObject({ right: { geometry: { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] } } });
    expect(parseCql2Text('S_INTERSECTS(geom, MULTIPOINT(1 2, 3 4))')).toMatchObject({ right: { geometry: { coordinates: [[1, 2], [3, 4]] } } });
    expect(parseCql2Text('S_INTERSECTS(geom, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))))')).toMatchObject({
      right: { geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] } },
    });
    expect(parseCql2Text('S_INTERSECTS(geom, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))')).toMatchObject({
      right: { geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point' }, { type: 'LineString' }] } },
    });
    expect(parseCql2Text('S_INTERSECTS(geom, BBOX(121.3, 31.0, 121.6, 31.3))')).toMatchObject({ right: { kind: 'bbox', coords: [121.3, 31.0, 121.6, 31.3] } });
    // 6-number form: minz and maxz (3rd and 6th) are dropped
    expect(parseCql2Text('S_INTERSECTS(geom, ENVELOPE(121.3, 31.0, -5, 121.6, 31.3, 50))')).toMatchObject({ right: { kind: 'bbox', coords: [121.3, 31.0, 121.6, 31.3] } });
    expect(parseCql2Text('S_DWITHIN(geom, POINT(121.47 31.23), 2000)')).toMatchObject({ kind: 'dwithin', distanceM: 2000 });
  });

  it('reports syntax errors at the offending character', () => {
    //                          0123456789
    expect(errorAt(() => parseCql2Text('name = '))).toBe(7);            // end of filter where a value was expected
    expect(errorAt(() => parseCql2Text("name = 'abc"))).toBe(7);        // unterminated string starts here
    expect(errorAt(() => parseCql2Text('a = 1 AND AND b = 2'))).toBe(10); // second AND
    expect(errorAt(() => parseCql2Text('a = 1 b = 2'))).toBe(6);        // missing AND/OR
    expect(errorAt(() => parseCql2Text('(a = 1'))).toBe(6);             // missing ")"
    expect(errorAt(() => parseCql2Text('a # 1'))).toBe(2);              // unknown character
    expect(errorAt(() => parseCql2Text("FOO(name) = 'x'"))).toBe(0);    // unknown function
    expect(errorAt(() => parseCql2Text('a NOT = 1'))).toBe(6);          // NOT must be followed by LIKE/BETWEEN/IN
    expect(errorAt(() => parseCql2Text('a BETWEEN 1 OR 2'))).toBe(12);
    expect(errorAt(() => parseCql2Text('a IS 5'))).toBe(5);
    expect(errorAt(() => parseCql2Text('S_DWITHIN(geom, POINT(1 2), -5)'))).toBe(28);
    expect(errorAt(() => parseCql2Text('S_INTERSECTS(geom, POLYGON((0 0, 1 0, 1 1)))'))).toBe(27); // ring not closed
    expect(errorAt(() => parseCql2Text('S_INTERSECTS(geom, LINESTRING(0 0))'))).toBe(29);
    expect(errorAt(() => parseCql2Text('S_INTERSECTS(geom, BBOX(1, 2, 3))'))).toBe(19);
    expect(errorAt(() => parseCql2Text(''))).toBe(0);
    expect(errorAt(() => parseCql2Text('('.repeat(100) + 'a = 1' + ')'.repeat(100)))).toBe(64);
    expect(() => parseCql2Text('name = ')).toThrow(/character 8/);
  });
});

// A collection as describeCollection() would build it from information_schema
const column = (name: string, type: ColumnInfo['type']): ColumnInfo => ({ name, type, pgType: type, nullable: true });
const columns = [column('id', 'integer'), column('name', 'string'), column('employees', 'integer'), column('enclosed', 'boolean'),
  column('fix_time', 'timestamp'), column('geom', 'geometry'), column('cargo', 'json')];
const enterprises: OgcCollection = {
  info: { id: 'enterprises', title: '危化品企业', titleEn: 'Enterprises', geometryType: 'Point', geometryColumn: 'geom' },
  columns, properties: columns.filter((c) => c.name !== 'geom'),
  queryables: new Map(columns.filter((c) => c.type !== 'json').map((c) => [c.name, c])), timeColumn: 'fix_time',
};

function compile(filter: string, crs = defaultCrs) {
  const params = new Params();
  const sql = compileFilter(parseCql2Text(filter), { collection: enterprises, params, filterCrs: crs });
  return { sql, params: params.values };
}

describe('CQL2 → parameterised SQL', () => {
  it('puts every value in a bind parameter and only known columns in the SQL text', () => {
    const { sql, params } = compile("name IN ('甲', 'x''); DROP TABLE enterprises; --') AND employees >= 100");
    expect(sql).toBe('(("p"."name" IN ($1::text, $2::text)) AND ("p"."employees" >= $3::numeric))'.replace(/"p"\./g, 'p.'));
    expect(params).toEqual(['甲', "x'); DROP TABLE enterprises; --", '100']);
    expect(sql).not.toMatch(/DROP/);
  });

  it('compiles LIKE, BETWEEN, IS NULL, CASEI and boolean predicates', () => {
    expect(compile("CASEI(name) NOT LIKE CASEI('A%')").sql).toBe('(lower(p."name") NOT LIKE lower($1::text))');
    expect(compile('employees NOT BETWEEN 10 AND 20').sql).toBe('(p."employees" NOT BETWEEN $1::numeric AND $2::numeric)');
    expect(compile('name IS NULL OR NOT enclosed').sql).toBe('((p."name" IS NULL) OR (NOT (p."enclosed" IS TRUE)))');
    expect(compile("fix_time > TIMESTAMP('2024-05-01T00:00:00+08:00')")).toEqual({ sql: '(p."fix_time" > $1::timestamptz)', params: ['2024-05-01T00:00:00+08:00'] });
  });

  it("reads a quoted string compared with a timestamp as that instant (GDAL writes fix_time >= '…')", () => {
    expect(compile("fix_time >= '2024-05-01T10:00:00Z'")).toEqual({ sql: '(p."fix_time" >= $1::timestamptz)', params: ['2024-05-01T10:00:00Z'] });
    expect(compile("'2024-05-01' <= fix_time").params).toEqual(['2024-05-01']);
  });

  it('rejects unknown and non-queryable properties and type mismatches at their position', () => {
    expect(errorAt(() => compile("risk = 'red'"))).toBe(0);
    expect(errorAt(() => compile("name = 'a' AND cargo IS NULL"))).toBe(15);   // jsonb is not queryable
    expect(errorAt(() => compile("employees = 'many'"))).toBe(12);
    expect(errorAt(() => compile("fix_time > 'yesterday'"))).toBe(11);
    expect(errorAt(() => compile("name LIKE 5"))).toBe(10);
    expect(errorAt(() => compile('employees'))).toBe(0);                    // not a boolean
    expect(errorAt(() => compile('S_INTERSECTS(name, POINT(1 2))'))).toBe(13);
  });

  it('swaps the axes of literals given in a latitude-first filter-crs and range-checks them', () => {
    const epsg4326 = parseCrs('http://www.opengis.net/def/crs/EPSG/0/4326', 'filter-crs');
    const { sql, params } = compile('S_INTERSECTS(geom, POINT(31.2 121.5))', epsg4326);
    expect(sql).toBe('ST_Intersects(p."geom", ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326))');
    expect(JSON.parse(params[0] as string)).toEqual({ type: 'Point', coordinates: [121.5, 31.2] });
    // lon/lat order under a lat/lon CRS puts 121.5 on the latitude axis: out of range
    expect(errorAt(() => compile('S_INTERSECTS(geom, POINT(121.5 31.2))', epsg4326))).toBe(19);
    expect(compile('S_WITHIN(geom, BBOX(31.0, 121.3, 31.3, 121.6))', epsg4326).params).toEqual([121.3, 31.0, 121.6, 31.3]);
  });

  it('adds a degree-envelope prefilter to S_DWITHIN that never cuts inside the distance', () => {
    const { sql, params } = compile('S_DWITHIN(geom, POINT(121.47 31.23), 1000)');
    expect(sql).toBe('(p."geom" && ST_Expand(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326), $3::float8, $4::float8) AND '
      + 'ST_DWithin(p."geom"::geography, ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)::geography, $2::float8))');
    expect(params[1]).toBe(1000);
    // 1000 m of latitude: 1000 / 110 574 m/° (shortest degree, at the equator) = 0.0090437°, × 1.005 = 0.0090889°
    const [dx, dy] = params.slice(2) as number[];
    expect(dy).toBeCloseTo(0.0090889, 6);
    // longitude at φ = 31.23° + dy = 31.2391°: 1° = 111 319.49 m × cos 31.2391° (0.855011) = 95 179 m
    // → 1000 m = 0.0105065°, × 1.005 = 0.0105590°
    expect(dx).toBeCloseTo(0.0105590, 6);
    expect(degreesFor(1000, [121.47, 31.23, 121.47, 31.23])).toEqual([dx, dy]);
  });
});
