import t from 'tap';
import { canonicalTimeZone, endOfDay, formatterCacheSize, isValidTimeZone, toZonedIso } from '../../src/lib/time.js';

/** Every upper/lower-case spelling of `zone`, up to `limit` of them. */
function caseVariants(zone: string, limit: number): string[] {
  const letters = [...zone].map((c, i) => ({ c, i })).filter(({ c }) => c.toLowerCase() !== c.toUpperCase());
  const out: string[] = [];
  for (let mask = 0; mask < 2 ** Math.min(letters.length, 30) && out.length < limit; mask++) {
    const chars = [...zone];
    letters.forEach(({ c, i }, bit) => {
      chars[i] = (mask >> bit) & 1 ? c.toUpperCase() : c.toLowerCase();
    });
    out.push(chars.join(''));
  }
  return out;
}

t.test('case variants of a zone share one cached formatter and give the same answers', async (t) => {
  const before = formatterCacheSize();
  const zones = ['Europe/Rome', 'America/New_York', 'Pacific/Auckland'];
  const variants = zones.flatMap((zone) => caseVariants(zone, 3000).map((variant) => ({ zone, variant })));
  t.ok(variants.length >= 6000, `${variants.length} variants`);
  const wrong = variants.filter(({ zone, variant }) => !isValidTimeZone(variant) || canonicalTimeZone(variant) !== zone);
  t.same(wrong, [], 'every variant is valid and canonicalises to its zone');
  t.ok(formatterCacheSize() <= before + zones.length, `cache grew by ${formatterCacheSize() - before} for ${variants.length} variants of ${zones.length} zones`);
  t.equal(toZonedIso(endOfDay('2026-10-31', 'eUROPE/rOME'), 'EUROPE/ROME'), '2026-11-01T00:00:00+01:00');
  t.equal(endOfDay('2026-10-31', 'europe/rome').toISOString(), '2026-10-31T23:00:00.000Z');
});

t.test('the cache is bounded however many distinct zones are asked for', async (t) => {
  const zones = Intl.supportedValuesOf('timeZone');
  t.same(zones.filter((zone) => !isValidTimeZone(zone)), [], 'every zone the runtime lists is valid');
  t.ok(formatterCacheSize() <= 1000, `${formatterCacheSize()} formatters for ${zones.length} zones`);
  t.notOk(isValidTimeZone('Mars/Olympus_Mons'), 'an unknown zone is refused and not cached');
  t.equal(toZonedIso(new Date('2026-07-01T12:00:00Z'), 'Asia/Kolkata'), '2026-07-01T17:30:00+05:30', 'answers stay right');
});
