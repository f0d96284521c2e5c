/**
 * CQL2-text parser (OGC 21-065r2, Common Query Language, Annex B BNF): a small recursive-descent parser that turns
 * a `filter` string into an AST. No I/O and no SQL here: `sql.ts` type-checks the AST against a collection's
 * columns and compiles it to parameterised SQL.
 *
 * Supported (conformance classes declared in routes/ogc.ts):
 * - basic-cql2: AND, OR, NOT, `= <> < <= > >=`, IS [NOT] NULL, string / number / boolean literals,
 *   DATE('…') and TIMESTAMP('…') instants, property names (plain or "double-quoted");
 * - advanced-comparison-operators: [NOT] LIKE (`%` and `_` wildcards, `\` escape), [NOT] BETWEEN … AND …, [NOT] IN (…);
 * - case-insensitive-comparison: CASEI(…);
 * - basic-spatial-functions / spatial-functions: S_INTERSECTS, S_EQUALS, S_DISJOINT, S_TOUCHES, S_WITHIN,
 *   S_OVERLAPS, S_CROSSES, S_CONTAINS with WKT literals POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING,
 *   MULTIPOLYGON, GEOMETRYCOLLECTION (optional Z, dropped) and BBOX(minx,miny,maxx,maxy[,…]);
 *   ENVELOPE(…) is accepted as the pre-1.0 draft name of BBOX, with the same argument order;
 * - extension (not part of CQL2): S_DWITHIN(geom, <geometry>, <distance in metres>), distance on the WGS 84 spheroid.
 *
 * Not supported: arithmetic, temporal operators (T_*), array operators (A_*), ACCENTI, custom functions —
 * they are syntax errors naming the position.
 */
import type { Geometry, Position } from 'geojson';

// ---------------------------------------------------------------------------------------------------------
// AST

export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type SpatialOp = 'S_INTERSECTS' | 'S_EQUALS' | 'S_DISJOINT' | 'S_TOUCHES' | 'S_WITHIN' | 'S_OVERLAPS' | 'S_CROSSES' | 'S_CONTAINS';
export const spatialOps: SpatialOp[] = ['S_INTERSECTS', 'S_EQUALS', 'S_DISJOINT', 'S_TOUCHES', 'S_WITHIN', 'S_OVERLAPS', 'S_CROSSES', 'S_CONTAINS'];

/** Every node carries `pos`: the 0-based offset of its first character in the filter text. */
export type Scalar =
  | { kind: 'property'; name: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'date'; value: string; pos: number }            // YYYY-MM-DD
  | { kind: 'timestamp'; value: string; pos: number }       // RFC 3339 with offset (Z added when missing)
  | { kind: 'casei'; arg: Scalar; pos: number }
  | { kind: 'geometry'; geometry: Geometry; pos: number }   // coordinates in the order written (filter-crs)
  | { kind: 'bbox'; coords: [number, number, number, number]; pos: number };

export type Expr =
  | { kind: 'and' | 'or'; args: Expr[]; pos: number }
  | { kind: 'not'; arg: Expr; pos: number }
  | { kind: 'compare'; op: ComparisonOp; left: Scalar; right: Scalar; pos: number }
  | { kind: 'like'; not: boolean; value: Scalar; pattern: Scalar; pos: number }
  | { kind: 'between'; not: boolean; value: Scalar; low: Scalar; high: Scalar; pos: number }
  | { kind: 'in'; not: boolean; value: Scalar; list: Scalar[]; pos: number }
  | { kind: 'isNull'; not: boolean; value: Scalar; pos: number }
  | { kind: 'spatial'; op: SpatialOp; left: Scalar; right: Scalar; pos: number }
  | { kind: 'dwithin'; left: Scalar; right: Scalar; distanceM: number; pos: number }
  /** a boolean literal or a boolean property used as a predicate (`enclosed`, `TRUE`) */
  | { kind: 'truthy'; value: Scalar; pos: number };

/** A syntax (or, from sql.ts, semantic) error at a character position of the filter. */
export class Cql2Error extends Error {
  constructor(public position: number, public detail: string) {
    super(`CQL2 过滤条件错误，第 ${position + 1} 个字符处 (filter error at character ${position + 1}): ${detail}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Lexer

type TokenType = 'ident' | 'qident' | 'string' | 'number' | 'op' | '(' | ')' | ',' | 'eof';
interface Token { type: TokenType; text: string; pos: number; value?: string | number }

const MAX_FILTER_LENGTH = 50_000;
const MAX_DEPTH = 64;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const isIdentStart = (ch: string) => /[\p{L}_]/u.test(ch);
  const isIdentPart = (ch: string) => /[\p{L}\p{N}_.:]/u.test(ch);
  const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) { i++; continue; }
    const start = i;
    if (ch === '(' || ch === ')' || ch === ',') { tokens.push({ type: ch, text: ch, pos: i }); i++; continue; }
    if (ch === '=') { tokens.push({ type: 'op', text: '=', pos: i }); i++; continue; }
    if (ch === '<') {
      const two = src.slice(i, i + 2);
      const text = two === '<=' || two === '<>' ? two : '<';
      tokens.push({ type: 'op', text, pos: i }); i += text.length; continue;
    }
    if (ch === '>') {
      const text = src[i + 1] === '=' ? '>=' : '>';
      tokens.push({ type: 'op', text, pos: i }); i += text.length; continue;
    }
    if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Cql2Error(start, '字符串未结束 (unterminated string literal)');
        // escapeQuote = "''" | "\'" (CQL2 BNF)
        if (src[i] === '\\' && src[i + 1] === "'") { value += "'"; i += 2; continue; }
        if (src[i] === "'") {
          if (src[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++; break;
        }
        value += src[i++];
      }
      tokens.push({ type: 'string', text: src.slice(start, i), pos: start, value });
      continue;
    }
    if (ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Cql2Error(start, '带引号的属性名未结束 (unterminated quoted property name)');
        if (src[i] === '"') {
          if (src[i + 1] === '"') { value += '"'; i += 2; continue; }
          i++; break;
        }
        value += src[i++];
      }
      if (!value) throw new Cql2Error(start, '属性名为空 (empty property name)');
      tokens.push({ type: 'qident', text: src.slice(start, i), pos: start, value });
      continue;
    }
    const signed = (ch === '-' || ch === '+') && (isDigit(src[i + 1]) || (src[i + 1] === '.' && isDigit(src[i + 2])));
    if (isDigit(ch) || signed || (ch === '.' && isDigit(src[i + 1]))) {
      const m = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new Cql2Error(start, `无法识别的数字 (malformed number)`);
      i += m[0].length;
      if (i < src.length && isIdentStart(src[i])) throw new Cql2Error(start, `无法识别的数字 "${src.slice(start, i + 1)}" (malformed number)`);
      if (!Number.isFinite(Number(m[0]))) throw new Cql2Error(start, `数字超出范围 (number out of range)`);
      tokens.push({ type: 'number', text: m[0], pos: start, value: Number(m[0]) });
      continue;
    }
    if (isIdentStart(ch)) {
      while (i < src.length && isIdentPart(src[i])) i++;
      tokens.push({ type: 'ident', text: src.slice(start, i), pos: start });
      continue;
    }
    throw new Cql2Error(start, `意外的字符 "${ch}" (unexpected character)`);
  }
  tokens.push({ type: 'eof', text: '', pos: src.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

const RESERVED = new Set(['AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE']);
const GEOMETRY_KEYWORDS = new Set(['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON',
  'GEOMETRYCOLLECTION', 'BBOX', 'ENVELOPE']);

/** Parses a CQL2-text filter into an AST; throws Cql2Error with the character position on any syntax error. */
export function parseCql2Text(src: string): Expr {
  if (src.length > MAX_FILTER_LENGTH) throw new Cql2Error(MAX_FILTER_LENGTH, `过滤条件过长 (filter longer than ${MAX_FILTER_LENGTH} characters)`);
  if (!src.trim()) throw new Cql2Error(0, '过滤条件为空 (empty filter)');
  return new Parser(tokenize(src)).parse();
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private tokens: Token[]) {}

  parse(): Expr {
    const e = this.orExpr();
    const t = this.peek();
    if (t.type !== 'eof') throw this.error(t, '多余的内容 (expected end of filter)');
    return e;
  }

  // booleanExpression = booleanTerm { OR booleanTerm }
  private orExpr(): Expr {
    const first = this.andExpr();
    const args = [first];
    while (this.isKeyword(this.peek(), 'OR')) { this.next(); args.push(this.andExpr()); }
    return args.length === 1 ? first : { kind: 'or', args, pos: first.pos };
  }

  // booleanTerm = booleanFactor { AND booleanFactor }
  private andExpr(): Expr {
    const first = this.notExpr();
    const args = [first];
    while (this.isKeyword(this.peek(), 'AND')) { this.next(); args.push(this.notExpr()); }
    return args.length === 1 ? first : { kind: 'and', args, pos: first.pos };
  }

  // booleanFactor = [ NOT ] booleanPrimary
  private notExpr(): Expr {
    const t = this.peek();
    if (this.isKeyword(t, 'NOT')) {
      this.next();
      return { kind: 'not', arg: this.nested(() => this.notExpr(), t), pos: t.pos };
    }
    return this.primary();
  }

  // booleanPrimary = "(" booleanExpression ")" | spatialPredicate | predicate | booleanLiteral
  private primary(): Expr {
    const t = this.peek();
    if (t.type === '(') {
      this.next();
      const e = this.nested(() => this.orExpr(), t);
      this.expect(')', '")"');
      return e;
    }
    if (t.type === 'ident' && this.peek(1).type === '(') {
      const name = t.text.toUpperCase();
      if ((spatialOps as string[]).includes(name)) return this.spatial(name as SpatialOp);
      if (name === 'S_DWITHIN') return this.dwithin();
    }
    const left = this.scalar();
    const op = this.peek();
    if (op.type === 'op') {
      this.next();
      return { kind: 'compare', op: op.text as ComparisonOp, left, right: this.scalar(), pos: left.pos };
    }
    let not = false;
    if (this.isKeyword(op, 'NOT')) {
      const after = this.peek(1);
      if (!this.isKeyword(after, 'LIKE') && !this.isKeyword(after, 'BETWEEN') && !this.isKeyword(after, 'IN')) {
        throw this.error(after, '此处应为 LIKE、BETWEEN 或 IN (expected LIKE, BETWEEN or IN after NOT)');
      }
      this.next();
      not = true;
    }
    const kw = this.peek();
    if (this.isKeyword(kw, 'LIKE')) {
      this.next();
      return { kind: 'like', not, value: left, pattern: this.scalar(), pos: left.pos };
    }
    if (this.isKeyword(kw, 'BETWEEN')) {
      this.next();
      const low = this.scalar();
      if (!this.isKeyword(this.peek(), 'AND')) throw this.error(this.peek(), 'BETWEEN 之后应为 AND (expected AND in BETWEEN … AND …)');
      this.next();
      return { kind: 'between', not, value: left, low, high: this.scalar(), pos: left.pos };
    }
    if (this.isKeyword(kw, 'IN')) {
      this.next();
      this.expect('(', '"(" after IN');
      const list = [this.scalar()];
      while (this.peek().type === ',') { this.next(); list.push(this.scalar()); }
      this.expect(')', '")" closing the IN list');
      return { kind: 'in', not, value: left, list, pos: left.pos };
    }
    if (this.isKeyword(kw, 'IS')) {
      this.next();
      let isNot = false;
      if (this.isKeyword(this.peek(), 'NOT')) { this.next(); isNot = true; }
      if (!this.isKeyword(this.peek(), 'NULL')) throw this.error(this.peek(), 'IS 之后应为 NULL (expected NULL after IS [NOT])');
      this.next();
      return { kind: 'isNull', not: isNot, value: left, pos: left.pos };
    }
    if (left.kind === 'property' || left.kind === 'boolean') return { kind: 'truthy', value: left, pos: left.pos };
    throw this.error(kw, '此处应为比较运算符 (expected a comparison operator, LIKE, BETWEEN, IN or IS)');
  }

  private spatial(op: SpatialOp): Expr {
    const t = this.next();
    this.expect('(', '"("');
    const left = this.scalar();
    this.expect(',', '","');
    const right = this.scalar();
    this.expect(')', '")"');
    return { kind: 'spatial', op, left, right, pos: t.pos };
  }

  private dwithin(): Expr {
    const t = this.next();
    this.expect('(', '"("');
    const left = this.scalar();
    this.expect(',', '","');
    const right = this.scalar();
    this.expect(',', '"," before the distance in metres');
    const d = this.peek();
    if (d.type !== 'number') throw this.error(d, 'S_DWITHIN 的第三个参数应为距离（米） (expected a distance in metres)');
    this.next();
    const distanceM = d.value as number;
    if (!(distanceM >= 0) || !Number.isFinite(distanceM)) throw this.error(d, '距离必须是非负数 (distance must be a non-negative number of metres)');
    this.expect(')', '")"');
    return { kind: 'dwithin', left, right, distanceM, pos: t.pos };
  }

  // scalarExpression = propertyName | characterLiteral | numericLiteral | booleanLiteral | instantLiteral
  //                  | CASEI(…) | geometry literal
  private scalar(): Scalar {
    const t = this.peek();
    switch (t.type) {
      case 'string': this.next(); return { kind: 'string', value: t.value as string, pos: t.pos };
      case 'number': this.next(); return { kind: 'number', value: t.value as number, pos: t.pos };
      case 'qident': this.next(); return { kind: 'property', name: t.value as string, pos: t.pos };
      case 'ident': {
        const upper = t.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') { this.next(); return { kind: 'boolean', value: upper === 'TRUE', pos: t.pos }; }
        if (this.peek(1).type === '(') return this.functionLike(t, upper);
        if (GEOMETRY_KEYWORDS.has(upper) && this.isZ(this.peek(1))) return this.geometryLiteral();
        if (RESERVED.has(upper)) throw this.error(t, `此处应为属性名或字面量，而不是关键字 ${upper} (expected a property or a literal, found keyword ${upper})`);
        this.next();
        return { kind: 'property', name: t.text, pos: t.pos };
      }
      default:
        throw this.error(t, '此处应为属性名或字面量 (expected a property name or a literal)');
    }
  }

  private functionLike(t: Token, upper: string): Scalar {
    if (GEOMETRY_KEYWORDS.has(upper)) return this.geometryLiteral();
    if (upper === 'CASEI') {
      this.next(); this.next();
      const arg = this.nested(() => this.scalar());
      this.expect(')', '")" closing CASEI');
      return { kind: 'casei', arg, pos: t.pos };
    }
    if (upper === 'DATE' || upper === 'TIMESTAMP') {
      this.next(); this.next();
      const s = this.peek();
      if (s.type !== 'string') throw this.error(s, `${upper}(…) 需要一个带引号的字符串 (expected a quoted string)`);
      this.next();
      this.expect(')', `")" closing ${upper}`);
      if (upper === 'DATE') {
        const v = s.value as string;
        if (!isValidDate(v)) throw new Cql2Error(s.pos, `无效日期 '${v}' (invalid DATE, expected YYYY-MM-DD)`);
        return { kind: 'date', value: v, pos: t.pos };
      }
      const v = normalizeTimestamp(s.value as string);
      if (!v) throw new Cql2Error(s.pos, `无效时间戳 '${s.value}' (invalid TIMESTAMP, expected RFC 3339 like 2024-05-01T08:00:00Z)`);
      return { kind: 'timestamp', value: v, pos: t.pos };
    }
    throw this.error(t, `不支持的函数 ${t.text} (unsupported function; supported: CASEI, DATE, TIMESTAMP, S_* spatial functions, S_DWITHIN)`);
  }

  // --- WKT geometry literals -------------------------------------------------------------------------------

  private isZ(t: Token) {
    return t.type === 'ident' && t.text.toUpperCase() === 'Z';
  }

  private geometryLiteral(): Scalar {
    const t = this.next();
    const kw = t.text.toUpperCase();
    if (kw === 'BBOX' || kw === 'ENVELOPE') {
      this.expect('(', '"("');
      const nums = [this.number()];
      while (this.peek().type === ',') { this.next(); nums.push(this.number()); }
      this.expect(')', `")" closing ${kw}`);
      if (nums.length !== 4 && nums.length !== 6) throw new Cql2Error(t.pos, `${kw} 需要 4 或 6 个数 (expected 4 or 6 numbers)`);
      const c: [number, number, number, number] = nums.length === 4 ? [nums[0], nums[1], nums[2], nums[3]] : [nums[0], nums[1], nums[3], nums[4]];
      if (c[1] > c[3]) throw new Cql2Error(t.pos, `${kw} 的下边界大于上边界 (second coordinate bound greater than the fourth)`);
      return { kind: 'bbox', coords: c, pos: t.pos };
    }
    return { kind: 'geometry', geometry: this.nested(() => this.geometryBody(kw, t)), pos: t.pos };
  }

  private geometryBody(kw: string, t: Token): Geometry {
    if (this.isZ(this.peek())) this.next();
    if (this.peek().type === 'ident' && this.peek().text.toUpperCase() === 'EMPTY') {
      throw this.error(this.peek(), '不支持空几何 (EMPTY geometries are not supported)');
    }
    switch (kw) {
      case 'POINT': {
        this.expect('(', '"(" after POINT');
        const p = this.position();
        this.expect(')', '")" closing POINT');
        return { type: 'Point', coordinates: p };
      }
      case 'LINESTRING': return { type: 'LineString', coordinates: this.lineString() };
      case 'POLYGON': return { type: 'Polygon', coordinates: this.polygon() };
      case 'MULTIPOINT': {
        this.expect('(', '"(" after MULTIPOINT');
        const pts: Position[] = [];
        do {
          if (pts.length) this.next();
          if (this.peek().type === '(') { this.next(); pts.push(this.position()); this.expect(')', '")"'); }
          else pts.push(this.position());
        } while (this.peek().type === ',');
        this.expect(')', '")" closing MULTIPOINT');
        return { type: 'MultiPoint', coordinates: pts };
      }
      case 'MULTILINESTRING': {
        const lines = this.list(() => this.lineString(), 'MULTILINESTRING');
        return { type: 'MultiLineString', coordinates: lines };
      }
      case 'MULTIPOLYGON': {
        const polys = this.list(() => this.polygon(), 'MULTIPOLYGON');
        return { type: 'MultiPolygon', coordinates: polys };
      }
      case 'GEOMETRYCOLLECTION': {
        const geoms = this.list(() => {
          const g = this.peek();
          const gkw = g.type === 'ident' ? g.text.toUpperCase() : '';
          if (!GEOMETRY_KEYWORDS.has(gkw) || gkw === 'BBOX' || gkw === 'ENVELOPE') throw this.error(g, '此处应为 WKT 几何 (expected a WKT geometry)');
          this.next();
          return this.nested(() => this.geometryBody(gkw, g), g);
        }, 'GEOMETRYCOLLECTION');
        return { type: 'GeometryCollection', geometries: geoms };
      }
      default:
        throw this.error(t, `不支持的几何类型 ${kw}`);
    }
  }

  private list<T>(item: () => T, what: string): T[] {
    this.expect('(', `"(" after ${what}`);
    const out = [item()];
    while (this.peek().type === ',') { this.next(); out.push(item()); }
    this.expect(')', `")" closing ${what}`);
    return out;
  }

  private lineString(): Position[] {
    const start = this.peek();
    const pts = this.positions();
    if (pts.length < 2) throw new Cql2Error(start.pos, '线至少需要 2 个点 (a LINESTRING needs at least 2 positions)');
    return pts;
  }

  private polygon(): Position[][] {
    return this.list(() => {
      const start = this.peek();
      const ring = this.positions();
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (ring.length < 4 || a[0] !== b[0] || a[1] !== b[1]) {
        throw new Cql2Error(start.pos, '多边形的环至少 4 个点且首尾相同 (a POLYGON ring needs at least 4 positions and must be closed)');
      }
      return ring;
    }, 'POLYGON');
  }

  /** "(" position { "," position } ")" */
  private positions(): Position[] {
    this.expect('(', '"(" opening a coordinate list');
    const pts = [this.position()];
    while (this.peek().type === ',') { this.next(); pts.push(this.position()); }
    this.expect(')', '")" closing a coordinate list');
    return pts;
  }

  /** x y [z] — z is dropped (data are 2D) */
  private position(): Position {
    const x = this.number();
    const y = this.number();
    if (this.peek().type === 'number') this.next();
    return [x, y];
  }

  private number(): number {
    const t = this.peek();
    if (t.type !== 'number') throw this.error(t, '此处应为数字 (expected a number)');
    this.next();
    return t.value as number;
  }

  // --- helpers --------------------------------------------------------------------------------------------

  private nested<T>(fn: () => T, at: Token = this.peek()): T {
    if (++this.depth > MAX_DEPTH) throw this.error(at, `嵌套过深 (nesting deeper than ${MAX_DEPTH})`);
    try { return fn(); } finally { this.depth--; }
  }
  private peek(ahead = 0): Token { return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]; }
  private next(): Token { return this.tokens[this.i < this.tokens.length - 1 ? this.i++ : this.i]; }
  private isKeyword(t: Token, kw: string) { return t.type === 'ident' && t.text.toUpperCase() === kw; }
  private expect(type: TokenType, what: string): Token {
    const t = this.peek();
    if (t.type !== type) throw this.error(t, `此处应为 ${what} (expected ${what})`);
    return this.next();
  }
  private error(t: Token, detail: string): Cql2Error {
    const found = t.type === 'eof' ? '过滤条件结尾 (end of filter)' : `"${t.text}"`;
    return new Cql2Error(t.pos, `${detail}，实际为 ${found}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Instants (shared with the `datetime` parameter)

/** YYYY-MM-DD that names a real calendar day. */
export function isValidDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * RFC 3339 date-time → the same instant with an explicit offset (a missing offset is read as UTC, so the
 * database session's time zone never changes the meaning); null when invalid.
 */
export function normalizeTimestamp(v: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/.exec(v.trim());
  if (!m || !isValidDate(m[1]) || +m[2] > 23 || +m[3] > 59 || +m[4] > 60) return null;
  if (m[6] && m[6].length > 1 && (+m[6].slice(1, 3) > 23 || +m[6].slice(4) > 59)) return null;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ?? ''}${!m[6] || m[6].toUpperCase() === 'Z' ? 'Z' : m[6]}`;
}
