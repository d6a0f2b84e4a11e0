import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { copyKeys } from '../../../utils/compare/fingerprint.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { STANCES } from '../../../utils/detect/pack.ts';
import { searchWords } from '../../../utils/text/search.ts';

/** Records in each old library, all tables together. */
const RECORDS = 10_000;

/**
 * Each released schema as it stood (git log -p -- utils/db/schema.ts): the old database is made by these, not
 * by the current class, so the upgrade runs on exactly what an earlier ClaimLens left on disk.
 */
const V1 = { articles: 'id, *urls, site, published, lastSeen', claims: 'id, articleId, stance' };
const V2 = {
  ...V1,
  corrections: 'id, sentenceKey, articleId, createdAt',
  packs: 'id, updatedAt',
  settings: 'key',
};
const V3 = { ...V2, annotations: 'id, articleId, *tags, updatedAt', tags: 'id', snapshots: 'articleId' };
const V4 = { ...V3, articles: 'id, *urls, site, published, lastSeen, storyId' };
const V5 = {
  ...V4,
  articles: 'id, *urls, site, published, lastSeen, storyId, firstSeen, *copyKeys',
  claims: 'id, articleId, stance, *words',
  annotations: 'id, articleId, *tags, updatedAt, *words',
};
const SCHEMAS: Record<number, Record<string, string>> = { 1: V1, 2: V2, 3: V3, 4: V4, 5: V5 };
const schemaOf = (version: number) => SCHEMAS[version] ?? {};

type Row = Record<string, unknown>;
type Tables = Record<string, Row[]>;
const quoteOf = (row: Row) => (row.selectors as [{ exact: string }])[0].exact;

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 8)).toISOString();
const WORDS = ['glut', 'shortage', 'capex', 'surplus', 'backlog'];
const ARTICLES = 1_000;
const articleId = (i: number) => `https://news${i % 37}.example/2026/${i}`;
/** Fingerprint hashes; multiples of 32 are copy keys (utils/compare/fingerprint.ts). */
const fingerprintOf = (i: number) => [32 * (i % 200), 32 * (i % 200) + 4, 8 * i + 4];

/** What each version of ClaimLens wrote, with the fields of its time: 10,000 records in the tables it had. */
function libraryAt(version: number): Tables {
  const articles = Array.from({ length: ARTICLES }, (_, i): Row => {
    const id = articleId(i);
    return {
      id,
      url: id,
      urls: [id, `${id}?utm=${i}`],
      title: `Article ${i}: “capex” <b>&amp;</b> ${WORDS[i % 5]}`,
      site: `Outlet ${i % 37}`,
      byline: i % 3 ? `Writer ${i % 11}` : null,
      published: i % 4 ? day(i % 90) : null,
      lang: i % 5 ? 'en' : 'de',
      firstSeen: day(100 + (i % 40)),
      lastSeen: day(140 + (i % 40)),
      textLength: 1_000 + i,
      claimCount: 3,
      stances: { overcapacity: 1, demand: 1, neutral: 1 },
      ...(version >= 4 && {
        storyId: articleId(i - (i % 3)),
        ...(i % 50 === 7 && { storyByReader: true }),
        profile: { fingerprint: fingerprintOf(i), keywords: ['gpu', `k${i}`], names: ['Nvidia'] },
      }),
    };
  });
  const corrections =
    version < 2
      ? []
      : Array.from({ length: 1_500 }, (_, k): Row => ({
          id: `k${k}`,
          sentenceKey: `s${k % 100}`,
          articleId: articleId(k % ARTICLES),
          text: `Corrected sentence ${k}.`,
          detected: k % 4 ? STANCES[k % 3] : null,
          verdict: k % 5 ? STANCES[(k + 1) % 3] : null,
          cues: [{ key: `cue-${k % 9}`, stance: STANCES[k % 3] }],
          createdAt: day(k % 60),
        }));
  const packs =
    version < 2
      ? []
      : Array.from({ length: 20 }, (_, p): Row => ({
          id: `pack-${p}`,
          pack: { id: `pack-${p}`, name: `Pack ${p}`, version: 1, anchors: ['gpu'], cues: [] },
          createdAt: day(p),
          updatedAt: day(p + (p % 4)),
        }));
  const settings =
    version < 2
      ? []
      : [
          { key: 'disabledPacks', value: ['pack-3'] },
          ...(version >= 3
            ? [{ key: 'highlights', value: { everywhere: true, offSites: ['x.example'] } }]
            : []),
        ];
  const annotations =
    version < 3
      ? []
      : Array.from({ length: 2_000 }, (_, n): Row => {
          const exact = `passage ${n} on ${WORDS[n % 5]}`;
          return {
            id: `a-${n}`,
            articleId: articleId(n % ARTICLES),
            url: `${articleId(n % ARTICLES)}?utm=${n}`,
            selectors: [
              { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
              { type: 'TextPositionSelector', start: n, end: n + exact.length },
            ],
            tags: n % 3 ? ['disputed', `own-${n % 30}`] : [],
            note: n % 2 ? `Note ${n} <script>x</script>` : null,
            stance: n % 4 ? STANCES[n % 3] : null,
            createdAt: day(n % 60),
            updatedAt: day(60 + (n % 60)),
            anchoring: n % 6 ? { method: 'fuzzy', score: 0.75, at: day(n % 60) } : null,
          };
        });
  const tags =
    version < 3
      ? []
      : Array.from({ length: 30 }, (_, t): Row => ({
          id: `own-${t}`,
          label: `Own ${t}`,
          createdAt: day(t),
          ...(version >= 5 && t % 2 === 0 && { color: '#aa3300' }),
        }));
  const snapshots =
    version < 3
      ? []
      : Array.from({ length: 500 }, (_, s): Row => ({
          articleId: articleId(s),
          text: `The page as it was, ${s}.`,
          capturedAt: day(s % 60),
        }));
  const others =
    articles.length +
    corrections.length +
    packs.length +
    settings.length +
    annotations.length +
    tags.length +
    snapshots.length;
  const claims = Array.from({ length: RECORDS - others }, (_, j): Row => {
    const text = `Claim ${j}: hyperscalers see a ${WORDS[j % 5]} of GPUs.`;
    return {
      id: `c${j}`,
      articleId: articleId(j % ARTICLES),
      text,
      start: j,
      end: j + text.length,
      confidence: (j % 100) / 100,
      cues: [
        {
          phrase: WORDS[j % 5],
          key: WORDS[j % 5],
          stance: STANCES[j % 3],
          weight: 1.5,
          negated: false,
          start: 0,
          end: 4,
        },
      ],
      figures: j % 7 ? [] : [{ text: '4%', value: 4, unit: 'percent', start: 1, end: 3 }],
      entities: ['Nvidia'],
      hedged: j % 2 === 0,
      // The first version's claims had no speaker yet.
      ...((version > 1 || j % 2) && { speaker: j % 3 ? null : 'Jensen Huang' }),
      stance: STANCES[j % 3],
      selectors: [
        { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: j, end: j + text.length },
      ],
    };
  });
  const tables: Tables = { articles, claims, corrections, packs, settings, annotations, tags, snapshots };
  return Object.fromEntries(Object.entries(tables).filter(([name]) => name in schemaOf(version)));
}

/** Version 5 wrote its derived keys with every record (later ones derive them in a middleware). */
function withDerivedKeys(tables: Tables): Tables {
  const derive: Record<string, (r: Row) => Row> = {
    articles: (a) => ({ copyKeys: copyKeys((a.profile as { fingerprint: number[] }).fingerprint) }),
    claims: (c) => ({ words: searchWords(c.text as string) }),
    annotations: (a) => ({
      words: searchWords(quoteOf(a), a.note as string, ...(a.tags as string[])),
    }),
  };
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      rows.map((row) => ({ ...row, ...derive[name]?.(row) })),
    ]),
  );
}

/** What the current schema must read back: every record and field, plus what the upgrades add. */
function expectedAfterUpgrade(version: number, tables: Tables): Tables {
  const empty = { fingerprint: [], keywords: [], names: [] };
  return {
    ...tables,
    articles: (tables.articles ?? []).map((a) => (version < 4 ? { ...a, storyId: a.id, profile: empty } : a)),
  };
}

const keyOf = (table: string, row: Row) => (table === 'snapshots' ? row.articleId : row.id) as string;
const sorted = (keys: readonly unknown[]) => [...keys].map(String).sort();
const has = (value: unknown, wanted: unknown) =>
  Array.isArray(value) ? value.includes(wanted) : value === wanted;

/**
 * One query per index of the current schema, with what it must find worked out from the records themselves:
 * the upgrade must have built every index, derived ones included, over the old records.
 */
function indexChecks(expected: Tables) {
  const fingerprintKey = (row: Row) => copyKeys((row.profile as { fingerprint: number[] }).fingerprint);
  const wordsOf = (row: Row) => String(row.text ?? quoteOf(row));
  return [
    ['articles', 'urls', `${articleId(5)}?utm=5`, (r: Row) => has(r.urls, `${articleId(5)}?utm=5`)],
    ['articles', 'site', 'Outlet 5', (r: Row) => r.site === 'Outlet 5'],
    ['articles', 'published', day(17), (r: Row) => r.published === day(17)],
    ['articles', 'lastSeen', day(150), (r: Row) => r.lastSeen === day(150)],
    ['articles', 'storyId', articleId(9), (r: Row) => r.storyId === articleId(9)],
    ['articles', 'firstSeen', day(110), (r: Row) => r.firstSeen === day(110)],
    ['articles', 'copyKeys', 32 * 13, (r: Row) => fingerprintKey(r).includes(32 * 13)],
    ['claims', 'articleId', articleId(42), (r: Row) => r.articleId === articleId(42)],
    ['claims', 'stance', 'demand', (r: Row) => r.stance === 'demand'],
    ['claims', 'words', 'glut', (r: Row) => wordsOf(r).includes(' glut ')],
    ['corrections', 'sentenceKey', 's7', (r: Row) => r.sentenceKey === 's7'],
    ['corrections', 'articleId', articleId(3), (r: Row) => r.articleId === articleId(3)],
    ['corrections', 'createdAt', day(5), (r: Row) => r.createdAt === day(5)],
    ['packs', 'updatedAt', day(6), (r: Row) => r.updatedAt === day(6)],
    ['annotations', 'articleId', articleId(8), (r: Row) => r.articleId === articleId(8)],
    ['annotations', 'tags', 'own-4', (r: Row) => has(r.tags, 'own-4')],
    ['annotations', 'updatedAt', day(70), (r: Row) => r.updatedAt === day(70)],
    ['annotations', 'words', 'shortage', (r: Row) => wordsOf(r).endsWith(' shortage')],
    ['trash', 'expiresAt', day(1), () => false],
  ].map(([table, index, value, matches]) => {
    const rows = expected[table as string] ?? [];
    return {
      table: table as string,
      index: index as string,
      value: value as string | number,
      want: sorted(rows.filter(matches as (r: Row) => boolean).map((r) => keyOf(table as string, r))),
    };
  });
}

async function writeOldLibrary(name: string, version: number, tables: Tables): Promise<void> {
  const old = new Dexie(name);
  old.version(version).stores(schemaOf(version));
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

describe('upgrading a library of 10,000 records from every earlier schema version', () => {
  it.each([1, 2, 3, 4, 5])(
    'keeps every record and field of version %i, and every index answers',
    async (version) => {
      const name = `migrate-${version}-${Math.random()}`;
      const written = libraryAt(version);
      expect(Object.values(written).reduce((n, rows) => n + rows.length, 0)).toBe(RECORDS);
      await writeOldLibrary(name, version, version === 5 ? withDerivedKeys(written) : written);

      const db = new ClaimLensDatabase(name);
      await db.open();
      expect(db.verno).toBe(6);
      const expected = expectedAfterUpgrade(version, written);
      for (const table of db.tables) {
        const rows = (expected[table.name] ?? []).toSorted((a, b) =>
          keyOf(table.name, a) < keyOf(table.name, b) ? -1 : 1,
        );
        // Read in key order with the derived keys hidden, as the code sees them.
        expect(await table.toArray(), table.name).toEqual(rows);
      }

      const checks = indexChecks(expected);
      // Every index of the current schema is queried (a new index must get its check here).
      const indexes = db.tables.flatMap((t) => t.schema.indexes.map((i) => `${t.name}.${i.name}`));
      expect(checks.map((c) => `${c.table}.${c.index}`).sort()).toEqual(indexes.sort());
      for (const { table, index, value, want } of checks) {
        const found = await db.table(table).where(index).equals(value).primaryKeys();
        expect(sorted(found), `${table}.${index} = ${value}`).toEqual(want);
        if (version >= (SINCE[`${table}.${index}`] ?? SINCE[table] ?? Infinity))
          expect(want.length, `${table}.${index}`).toBeGreaterThan(0);
      }
      await db.delete();
    },
    // 10,000 records written, upgraded and read back: a few seconds, more on a busy machine.
    60_000,
  );
});

/**
 * The version each table (or an index's data) came in: from then on its check must find something, or it proves
 * nothing. Articles from before v4 have no fingerprint, hence no copy keys; the trash starts empty.
 */
const SINCE: Record<string, number> = {
  articles: 1,
  'articles.copyKeys': 4,
  claims: 1,
  corrections: 2,
  packs: 2,
  annotations: 3,
};
