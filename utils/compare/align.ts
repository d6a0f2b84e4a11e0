import type { Stance } from '../detect/pack.ts';
import { groupBy } from '../group.ts';
import type { Figure } from '../text/figures.ts';
import { FUNCTION_WORDS } from '../text/stopwords.ts';
import { tokenize } from '../text/tokens.ts';

/** What alignment needs of a claim: its words, entities and figures, and whose it is. */
export interface SourceClaim {
  id: string;
  articleId: string;
  text: string;
  stance: Stance;
  entities: string[];
  figures: Figure[];
}

/** Similarity from which two claims in different sources say the same thing in other words. */
export const SAME_CLAIM = 0.3;
/** Two figures of one unit for the same thing differ when they are this far apart (relative). */
const FIGURE_TOLERANCE = 0.15;
// Claims are compared many times over (each against every claim of every other source): words once per text.
const wordCache = new Map<string, Set<string>>();
const WORD_CACHE_LIMIT = 5_000;

function contentWords(text: string): Set<string> {
  let words = wordCache.get(text);
  if (!words) {
    words = new Set(
      tokenize(text)
        .map((t) => t.norm)
        .filter((w) => w.length > 2 && !FUNCTION_WORDS.has(w)),
    );
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(text, words);
  }
  return words;
}

/** How far two claims say the same thing: shared content words, with shared names and figures counting extra. */
export function claimSimilarity(a: SourceClaim, b: SourceClaim): number {
  const wa = contentWords(a.text);
  const wb = contentWords(b.text);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const words = shared / Math.max(1, wa.size + wb.size - shared);
  const entities = a.entities.filter((e) => b.entities.includes(e)).length;
  const figures = a.figures.filter((f) =>
    b.figures.some((g) => g.unit === f.unit && close(f.value, g.value)),
  ).length;
  return Math.min(1, words + 0.1 * entities + 0.15 * figures);
}

export interface AlignedClaim {
  claim: SourceClaim;
  /** The same claim in other sources, best match per source. */
  matches: { claim: SourceClaim; similarity: number }[];
}

/** For each claim of one article, the other sources that make the same claim (at most one match per source). */
export function alignClaims(own: readonly SourceClaim[], others: readonly SourceClaim[]): AlignedClaim[] {
  const bySource = groupBy(others, (c) => c.articleId);
  return own.map((claim) => {
    const matches: AlignedClaim['matches'] = [];
    for (const claims of bySource.values()) {
      let best: { claim: SourceClaim; similarity: number } | null = null;
      for (const other of claims) {
        const similarity = claimSimilarity(claim, other);
        if (similarity >= SAME_CLAIM && (!best || similarity > best.similarity))
          best = { claim: other, similarity };
      }
      if (best) matches.push(best);
    }
    return { claim, matches };
  });
}

export interface FigureMismatch {
  entity: string;
  unit: Figure['unit'];
  ours: { claim: SourceClaim; figure: Figure };
  theirs: { claim: SourceClaim; figure: Figure };
}

/**
 * Figures that disagree for the same thing: two claims naming the same entity, with a figure of the same unit,
 * that differ by more than the tolerance. Different things (another entity, another unit) are never compared.
 */
export function figureMismatches(
  own: readonly SourceClaim[],
  others: readonly SourceClaim[],
): FigureMismatch[] {
  const found: FigureMismatch[] = [];
  for (const a of own) {
    for (const b of others) {
      const entity = a.entities.find((e) => b.entities.includes(e));
      if (!entity) continue;
      for (const unit of new Set(a.figures.map((f) => f.unit))) {
        const ours = a.figures.filter((f) => f.unit === unit);
        const theirs = b.figures.filter((f) => f.unit === unit);
        // Claims that share any value of a unit agree on it: "from $8 to $2" does not dispute "$2 an hour".
        if (theirs.length === 0 || ours.some((fa) => theirs.some((fb) => close(fa.value, fb.value))))
          continue;
        const [fa, fb] = [ours[0], theirs[0]];
        if (fa && fb)
          found.push({ entity, unit, ours: { claim: a, figure: fa }, theirs: { claim: b, figure: fb } });
      }
    }
  }
  return found;
}

export interface Lean {
  overcapacity: number;
  demand: number;
  /** The side the reading leans to, when it clearly does (three in four claims or more, from three sources up). */
  leans: 'overcapacity' | 'demand' | null;
}

/** Sources read at least, and share of one side, from which a reader's view of a story is one-sided. */
const BLIND_SPOT_SOURCES = 3;
const BLIND_SPOT_SHARE = 0.75;

/** Whether the reader's own reading of a story leans one way (all its sources together). */
export function leanOf(claims: readonly SourceClaim[]): Lean {
  const overcapacity = claims.filter((c) => c.stance === 'overcapacity').length;
  const demand = claims.filter((c) => c.stance === 'demand').length;
  return leanOfCounts(overcapacity, demand, new Set(claims.map((c) => c.articleId)).size);
}

/**
 * The same judgement from counts alone (claims per side, sources with a claim), for callers that hold stored
 * per-article counts rather than the claims themselves.
 */
export function leanOfCounts(overcapacity: number, demand: number, sources: number): Lean {
  const sided = overcapacity + demand;
  let leans: Lean['leans'] = null;
  if (sources >= BLIND_SPOT_SOURCES && sided > 0) {
    if (overcapacity / sided >= BLIND_SPOT_SHARE) leans = 'overcapacity';
    else if (demand / sided >= BLIND_SPOT_SHARE) leans = 'demand';
  }
  return { overcapacity, demand, leans };
}

/** The side a leaning reading lacks: where the reader should look next. */
export const opposingSide = (leans: NonNullable<Lean['leans']>): NonNullable<Lean['leans']> =>
  leans === 'overcapacity' ? 'demand' : 'overcapacity';

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= FIGURE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}
