import type { AnnotationRecord, ArticleRecord, ClaimRecord } from '../db/schema.ts';

/** Backslash-escapes every character Markdown could read as syntax, so quotes stay text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** One section per outlet, its articles under it, their claims as a list: readable as it is, or rendered. */
export function toMarkdown(
  articles: readonly ArticleRecord[],
  claims: readonly ClaimRecord[],
  now: Date,
  annotations: readonly AnnotationRecord[] = [],
): string {
  const claimsByArticle = new Map<string, ClaimRecord[]>();
  for (const claim of claims) {
    const list = claimsByArticle.get(claim.articleId) ?? [];
    list.push(claim);
    claimsByArticle.set(claim.articleId, list);
  }
  const bySite = new Map<string, ArticleRecord[]>();
  for (const article of articles) {
    const list = bySite.get(article.site) ?? [];
    list.push(article);
    bySite.set(article.site, list);
  }
  const lines = [
    `# ClaimLens export`,
    '',
    `Exported ${now.toISOString()}: ${articles.length} articles, ${claims.length} claims.`,
  ];
  for (const [site, siteArticles] of [...bySite].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push('', `## ${escapeMarkdown(site)}`);
    for (const article of siteArticles) {
      const date = article.published ? ` (${article.published.slice(0, 10)})` : '';
      lines.push('', `### ${escapeMarkdown(article.title)}${date}`, '', `<${encodeURI(article.url)}>`, '');
      const list = (claimsByArticle.get(article.id) ?? []).sort((a, b) => a.start - b.start);
      if (list.length === 0) lines.push('No claims detected.');
      for (const a of annotations.filter((x) => x.articleId === article.id)) {
        const labels = [...a.tags.map((t) => `#${t}`), ...(a.stance ? [a.stance] : [])].join(' ');
        const note = a.note ? ` — ${escapeMarkdown(a.note)}` : '';
        lines.push(`- _yours_ ${escapeMarkdown(labels)}: ${escapeMarkdown(a.selectors[0].exact)}${note}`);
      }
      for (const claim of list)
        lines.push(`- **${claim.stance}** (${claim.confidence.toFixed(2)}): ${escapeMarkdown(claim.text)}`);
    }
  }
  return lines.join('\n') + '\n';
}
