import type { AnnotationRecord, ArticleRecord, ClaimRecord } from '../db/schema.ts';
import { groupBy } from '../group.ts';
import { ITEMS_PER_PART, joinParts, type Part } from './chunks.ts';

/**
 * Backslash-escapes every character Markdown could read as syntax, so quotes stay text, and folds each run of
 * white space into one space (a lone space is left where it is: replacing it with itself costs the most).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&')
    .replace(/\s\s+|[^\S ]/g, ' ')
    .trim();
}

const byText = (a: string, b: string) => a.localeCompare(b);

/** The lines of one article: its heading and address, the reader's annotations, then its claims in order. */
function articleLines(
  article: Pick<ArticleRecord, 'title' | 'url' | 'published'>,
  claims: ClaimRecord[],
  annotations: AnnotationRecord[],
) {
  const date = article.published ? ` (${article.published.slice(0, 10)})` : '';
  const lines = ['', `#### ${escapeMarkdown(article.title)}${date}`, '', `<${encodeURI(article.url)}>`, ''];
  if (claims.length === 0) lines.push('No claims detected.');
  for (const a of annotations) {
    const labels = [...a.tags.map((t) => `#${t}`), ...(a.stance ? [a.stance] : [])].join(' ');
    const note = a.note ? ` — ${escapeMarkdown(a.note)}` : '';
    lines.push(`- _yours_ ${escapeMarkdown(labels)}: ${escapeMarkdown(a.selectors[0].exact)}${note}`);
  }
  for (const claim of [...claims].sort((a, b) => a.start - b.start))
    lines.push(`- **${claim.stance}** (${claim.confidence.toFixed(2)}): ${escapeMarkdown(claim.text)}`);
  return lines;
}

/**
 * Story → outlet → article → claims: how the reader compares sources, readable as it is or rendered. Written
 * a few hundred claims and annotations at a time.
 */
export function* markdownParts(
  articles: readonly ArticleRecord[],
  claims: readonly ClaimRecord[],
  now: Date,
  annotations: readonly AnnotationRecord[] = [],
): Generator<Part> {
  const claimsByArticle = groupBy(claims, (c) => c.articleId);
  const annotationsByArticle = groupBy(annotations, (a) => a.articleId);
  const stories = groupBy(articles, (a) => a.storyId ?? a.id);
  // A story is named after the article it started from, else its earliest.
  const storyTitle = (id: string, members: ArticleRecord[]) =>
    (members.find((a) => a.id === id) ?? [...members].sort((a, b) => byText(a.firstSeen, b.firstSeen))[0])
      ?.title ?? id;
  const named = [...stories].map(([id, members]) => [storyTitle(id, members), members] as const);
  const total = claims.length + annotations.length;
  let lines = [
    `# ClaimLens export`,
    '',
    `Exported ${now.toISOString()}: ${articles.length} articles, ${claims.length} claims, ` +
      `${annotations.length} annotations.`,
  ];
  let done = 0;
  let sinceLastPart = 0;
  for (const [title, members] of named.sort(([a], [b]) => byText(a, b))) {
    lines.push('', `## Story: ${escapeMarkdown(title)}`);
    for (const [site, siteArticles] of [...groupBy(members, (a) => a.site)].sort(([a], [b]) =>
      byText(a, b),
    )) {
      lines.push('', `### ${escapeMarkdown(site)}`);
      for (const article of siteArticles) {
        const own = claimsByArticle.get(article.id) ?? [];
        const mine = annotationsByArticle.get(article.id) ?? [];
        lines.push(...articleLines(article, own, mine));
        done += own.length + mine.length;
        sinceLastPart += own.length + mine.length + 1;
      }
    }
    if (sinceLastPart >= ITEMS_PER_PART) {
      yield { text: lines.join('\n') + '\n', done, total };
      lines = [];
      sinceLastPart = 0;
    }
  }
  // Annotations made on pages that are not stored as articles still belong in the export.
  const known = new Set(articles.map((a) => a.id));
  const elsewhere = [...annotationsByArticle].filter(([id]) => !known.has(id));
  if (elsewhere.length > 0) lines.push('', '## Other pages');
  for (const [, mine] of elsewhere) {
    const [first] = mine;
    if (first) lines.push(...articleLines({ title: first.url, url: first.url, published: null }, [], mine));
  }
  yield { text: lines.length > 0 ? lines.join('\n') + '\n' : '', done: total, total };
}

export function toMarkdown(
  articles: readonly ArticleRecord[],
  claims: readonly ClaimRecord[],
  now: Date,
  annotations: readonly AnnotationRecord[] = [],
): string {
  return joinParts(markdownParts(articles, claims, now, annotations));
}
