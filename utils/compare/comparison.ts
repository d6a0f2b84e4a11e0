import {
  alignClaims,
  figureMismatches,
  leanOf,
  opposingSide,
  type AlignedClaim,
  type FigureMismatch,
  type Lean,
  type SourceClaim,
} from './align.ts';

/** How many disagreeing figures, and claims of the other side, the comparison shows: the first ones found. */
export const SHOWN_MISMATCHES = 10;
export const SHOWN_OTHER_SIDE = 5;

/** One article's claims against the other sources on its story, as the popup shows it. */
export interface Comparison {
  aligned: AlignedClaim[];
  /** The first `SHOWN_MISMATCHES` figures that differ. */
  mismatches: FigureMismatch[];
  lean: Lean;
  /** The first `SHOWN_OTHER_SIDE` claims of the side the reader's reading lacks, from the sources they read. */
  otherSide: SourceClaim[];
}

/** Only what a comparison shows of a claim: a story's comparison names each claim many times over. */
const shown = ({ id, articleId, text, stance, entities, figures }: SourceClaim): SourceClaim => ({
  id,
  articleId,
  text,
  stance,
  entities,
  figures,
});

/** Shared and unique claims, disagreeing figures, and the lean of the reader's reading of the story. */
export function compareSources(own: readonly SourceClaim[], theirs: readonly SourceClaim[]): Comparison {
  const [mine, others] = [own.map(shown), theirs.map(shown)];
  const all = [...mine, ...others];
  const lean = leanOf(all);
  const opposite = lean.leans && opposingSide(lean.leans);
  return {
    aligned: alignClaims(mine, others),
    mismatches: figureMismatches(mine, others).slice(0, SHOWN_MISMATCHES),
    lean,
    otherSide: lean.leans ? all.filter((c) => c.stance === opposite).slice(0, SHOWN_OTHER_SIDE) : [],
  };
}
