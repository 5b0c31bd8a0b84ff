// A referral reference as the app makes one (rj_core::referral::Reference): RJ- and eight
// Crockford base32 symbols from 40 random bits, grouped in fours. For the load and flood scripts.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function readableReference() {
  const value = randomBytes(5).reduce((n, b) => n * 256n + BigInt(b), 0n);
  const symbols = Array.from({ length: 8 }, (_, i) => CROCKFORD[Number((value >> BigInt(35 - 5 * i)) & 31n)]).join('');
  return `RJ-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}
