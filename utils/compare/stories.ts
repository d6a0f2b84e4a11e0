import { isCopy } from './fingerprint.ts';
import { keywordOverlap, nameOverlap } from './keywords.ts';

/** What story grouping needs to know of an article. */
export interface StoryCandidate {
  id: string;
  storyId: string | null;
  /** ISO date: published, or first seen when the page does not say. */
  date: string;
  fingerprint: number[];
  keywords: string[];
  names: string[];
}

/** Articles on one story appear within this many days of each other. */
export const STORY_WINDOW_DAYS = 5;
/** Name overlap (of the shorter list) from which two articles in the window report the same event. */
const SAME_STORY_NAMES = 0.2;
/** Or keyword overlap (Jaccard of the top words), for stories told with few names. */
const SAME_STORY_KEYWORDS = 0.12;

/**
 * The story a new article belongs to: that of the closest stored article within the time window (a copy, at any
 * distance in time, counts as closest), or a story of its own. Incremental: only the new article is compared.
 */
export function storyFor(article: StoryCandidate, others: readonly StoryCandidate[]): string {
  let best: { storyId: string; score: number } | null = null;
  const day = 86_400_000;
  for (const other of others) {
    if (other.id === article.id || !other.storyId) continue;
    const copy = isCopy(article.fingerprint, other.fingerprint);
    // A copy tells the same story whenever it was republished; others must be near in time.
    const near = Math.abs(Date.parse(other.date) - Date.parse(article.date)) <= STORY_WINDOW_DAYS * day;
    if (!copy && !near) continue;
    const names = nameOverlap(article.names, other.names);
    const words = keywordOverlap(article.keywords, other.keywords);
    if (!copy && names < SAME_STORY_NAMES && words < SAME_STORY_KEYWORDS) continue;
    // A copy is the closest relation; otherwise the names, then the words, decide between stories.
    const score = copy ? 2 : names + words;
    if (!best || score > best.score) best = { storyId: other.storyId, score };
  }
  return best?.storyId ?? article.id;
}
