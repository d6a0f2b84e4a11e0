import type { AnnotationRecord, ArticleRecord, ClaimRecord } from '../../utils/db/schema.ts';
import { STANCES } from '../../utils/detect/pack.ts';
import { emptyLibrary, type Library } from '../../utils/export/web-annotation.ts';

const SENTENCES = [
  'Rental prices for H100s fell 40% in a year, according to brokers.',
  'Tencent says its compute remains insufficient for its cloud customers.',
  'Analysts expect hyperscaler capex to peak next year as digestion sets in.',
  'Microsoft raised its capital spending plan to $80bn, citing AI demand.',
  'A glut of idle GPUs is building up in second-tier data centres.',
];
const ANNOTATIONS_PER_ARTICLE = 20;
const CLAIMS_PER_ARTICLE = 10;

/**
 * A library of `annotations` reader annotations, with the articles (one per twenty annotations, five outlets,
 * stories of three) and detected claims (ten per article) they sit on: for benchmarks and tests of large files.
 */
export function syntheticLibrary(annotations: number): Library {
  const library: Library = {
    ...emptyLibrary(),
    tags: [{ id: 'capex', label: 'Capex', createdAt: '2026-01-01T00:00:00.000Z' }],
  };
  const articleCount = Math.ceil(annotations / ANNOTATIONS_PER_ARTICLE);
  for (let a = 0; a < articleCount; a++) {
    const url = `https://outlet-${a % 5}.example/2026/story-${a}`;
    const day = String(1 + (a % 28)).padStart(2, '0');
    const article: ArticleRecord = {
      id: url,
      url,
      urls: [url],
      title: `Story ${a}: are we building too much AI compute?`,
      site: `Outlet ${a % 5}`,
      byline: null,
      published: `2026-03-${day}T08:00:00.000Z`,
      lang: 'en',
      firstSeen: `2026-03-${day}T09:00:00.000Z`,
      lastSeen: `2026-03-${day}T09:00:00.000Z`,
      textLength: SENTENCES.join(' ').length * 4,
      claimCount: CLAIMS_PER_ARTICLE,
      stances: { overcapacity: 4, demand: 3, neutral: 3 },
      storyId: `https://outlet-0.example/2026/story-${a - (a % 3)}`,
      profile: { fingerprint: [a, a + 1, a + 2], keywords: ['gpu', 'capex'], names: ['Tencent'] },
    };
    library.articles.push(article);
    let at = 0;
    for (let c = 0; c < CLAIMS_PER_ARTICLE; c++) {
      const text = SENTENCES[c % SENTENCES.length] ?? '';
      const claim: ClaimRecord = {
        id: `c-${a}-${c}`,
        articleId: url,
        text,
        start: at,
        end: at + text.length,
        stance: STANCES[c % 3] ?? 'neutral',
        confidence: 0.75,
        cues: [
          {
            phrase: 'glut',
            key: 'glut',
            stance: 'overcapacity',
            weight: 1,
            negated: false,
            start: 2,
            end: 6,
          },
        ],
        figures: [],
        entities: ['Tencent'],
        hedged: c % 4 === 0,
        speaker: null,
        selectors: [
          { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' },
          { type: 'TextPositionSelector', start: at, end: at + text.length },
        ],
      };
      library.claims.push(claim);
      at += text.length + 1;
    }
    for (let n = 0; n < ANNOTATIONS_PER_ARTICLE && library.annotations.length < annotations; n++) {
      const exact = (SENTENCES[n % SENTENCES.length] ?? '').slice(0, 30);
      const annotation: AnnotationRecord = {
        id: `a-${a}-${n}`,
        articleId: url,
        url,
        selectors: [
          { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
          { type: 'TextPositionSelector', start: n * 40, end: n * 40 + exact.length },
        ],
        tags: n % 2 === 0 ? ['disputed', 'capex'] : ['needs-source'],
        note: n % 3 === 0 ? `=SUM(A1) "quoted", note ${n}` : null,
        stance: n % 5 === 0 ? 'demand' : null,
        createdAt: `2026-03-${day}T10:00:00.000Z`,
        updatedAt: `2026-03-${day}T10:30:00.000Z`,
        anchoring: { method: 'exact', score: null, at: `2026-03-${day}T10:30:00.000Z` },
      };
      library.annotations.push(annotation);
    }
  }
  return library;
}
