/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters =
 * registration authority (1) + kind (1) + administrative division (6) + organisation code (9, GB 11714 with its own
 * check character) + check character (1). Characters come from 0-9 and A-Z without I, O, S, V, Z.
 */
export const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 §4.1 check character over the first 17 characters (weights 3^(i-1) mod 31). */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid credit-code character ${first17[i]}`);
    sum += v * w;
    w = (w * 3) % 31;
  }
  const c = 31 - (sum % 31);
  return CREDIT_CHARS[c === 31 ? 0 : c];
}

/** GB 11714-1997 check character of an 8-character organisation code body (weights 3 7 9 10 5 8 4 2). */
export function orgCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += v * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A complete, check-digit-valid code for a company (登记管理部门 9 工商, 机构类别 1 企业) in a district. */
export function creditCode(districtCode: string, orgBody8: string): string {
  const first17 = `91${districtCode}${orgBody8}${orgCodeCheckChar(orgBody8)}`;
  return first17 + creditCheckChar(first17);
}

export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCheckChar(code.slice(0, 17)) === code[17];
}
