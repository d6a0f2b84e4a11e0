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

/**
 * What comparing needs of a claim, worked out once per claim: each claim is compared with every claim of every
 * other source (20 × 180 pairs in a story of ten), so nothing is tokenised or regrouped per pair.
 */
interface Traits {
  claim: SourceClaim;
  entities: Set<string>;
  /** Its figures by unit, units in the order they first appear. */
  figures: Map<Figure['unit'], Figure[]>;
}

interface WordedTraits extends Traits {
  words: Set<string>;
}

const traitsOf = (claim: SourceClaim): Traits => ({
  claim,
  entities: new Set(claim.entities),
  figures: groupBy(claim.figures, (f) => f.unit),
});

const wordedTraitsOf = (claim: SourceClaim): WordedTraits => ({
  ...traitsOf(claim),
  words: new Set(
    tokenize(claim.text)
      .map((t) => t.norm)
      .filter((w) => w.length > 2 && !FUNCTION_WORDS.has(w)),
  ),
});

/** How far two claims say the same thing: shared content words, with shared names and figures counting extra. */
function similarity(a: WordedTraits, b: WordedTraits): number {
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  const words = shared / Math.max(1, a.words.size + b.words.size - shared);
  let entities = 0;
  for (const e of a.claim.entities) if (b.entities.has(e)) entities++;
  let figures = 0;
  for (const f of a.claim.figures) if (b.figures.get(f.unit)?.some((g) => close(f.value, g.value))) figures++;
  return Math.min(1, words + 0.1 * entities + 0.15 * figures);
}

export interface AlignedClaim {
  claim: SourceClaim;
  /** The same claim in other sources, best match per source. */
  matches: { claim: SourceClaim; similarity: number }[];
}

/** For each claim of one article, the other sources that make the same claim (at most one match per source). */
export function alignClaims(own: readonly SourceClaim[], others: readonly SourceClaim[]): AlignedClaim[] {
  const sources = [...groupBy(others.map(wordedTraitsOf), (t) => t.claim.articleId).values()];
  return own.map((claim) => {
    const mine = wordedTraitsOf(claim);
    const matches: AlignedClaim['matches'] = [];
    for (const theirs of sources) {
      let best: { claim: SourceClaim; similarity: number } | null = null;
      for (const other of theirs) {
        const s = similarity(mine, other);
        if (s >= SAME_CLAIM && (!best || s > best.similarity)) best = { claim: other.claim, similarity: s };
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
  const theirs = others.map(traitsOf);
  // Only claims that share an entity are compared: found by entity rather than by trying every pair.
  const byEntity = new Map<string, number[]>();
  theirs.forEach((t, i) => {
    for (const e of t.entities) {
      const list = byEntity.get(e);
      if (list) list.push(i);
      else byEntity.set(e, [i]);
    }
  });
  const found: FigureMismatch[] = [];
  for (const claim of own) {
    const a = traitsOf(claim);
    const candidates = [...new Set(claim.entities.flatMap((e) => byEntity.get(e) ?? []))].sort(
      (x, y) => x - y,
    );
    for (const i of candidates) {
      const b = theirs[i];
      const entity = b && claim.entities.find((e) => b.entities.has(e));
      if (!b || !entity) continue;
      for (const [unit, ours] of a.figures) {
        const figures = b.figures.get(unit) ?? [];
        // Claims that share any value of a unit agree on it: "from $8 to $2" does not dispute "$2 an hour".
        if (figures.length === 0 || ours.some((fa) => figures.some((fb) => close(fa.value, fb.value))))
          continue;
        const [fa, fb] = [ours[0], figures[0]];
        if (fa && fb)
          found.push({ entity, unit, ours: { claim, figure: fa }, theirs: { claim: b.claim, figure: fb } });
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
