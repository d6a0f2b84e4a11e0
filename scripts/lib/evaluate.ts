import type { Span } from '../../utils/text/segment.ts';

export const LABELS = ['overcapacity', 'demand', 'neutral', 'none'] as const;
export type Label = (typeof LABELS)[number];

export interface GoldSentence extends Span {
  label: Label;
  text: string;
}
export interface Prediction extends Span {
  label: Exclude<Label, 'none'>;
  text: string;
}

/** A prediction and a gold sentence are the same claim when they share most of the shorter one's text. */
const MIN_OVERLAP = 0.5;

export type Confusion = Record<Label, Record<Label, number>>;

export function emptyConfusion(): Confusion {
  const row = () => ({ overcapacity: 0, demand: 0, neutral: 0, none: 0 });
  return { overcapacity: row(), demand: row(), neutral: row(), none: row() };
}

export interface Mismatch {
  gold: Label;
  predicted: Label;
  text: string;
}

/**
 * Adds one article to the confusion matrix (rows: gold, columns: predicted). Each prediction is matched to the
 * gold sentence it overlaps most; a prediction matching no gold sentence counts against `none`.
 */
export function score(
  gold: readonly GoldSentence[],
  predicted: readonly Prediction[],
  into: Confusion,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const predictedFor = new Map<GoldSentence, Prediction>();
  for (const p of predicted) {
    let best: GoldSentence | undefined;
    let bestOverlap = 0;
    for (const g of gold) {
      const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start);
      const share = overlap / Math.min(p.end - p.start, g.end - g.start);
      if (share > bestOverlap) {
        best = g;
        bestOverlap = share;
      }
    }
    if (best && bestOverlap >= MIN_OVERLAP && !predictedFor.has(best)) predictedFor.set(best, p);
    else {
      into.none[p.label]++;
      mismatches.push({ gold: 'none', predicted: p.label, text: p.text });
    }
  }
  for (const g of gold) {
    const predictedLabel: Label = predictedFor.get(g)?.label ?? 'none';
    into[g.label][predictedLabel]++;
    if (predictedLabel !== g.label)
      mismatches.push({ gold: g.label, predicted: predictedLabel, text: g.text });
  }
  return mismatches;
}

export interface Metrics {
  precision: number;
  recall: Record<Exclude<Label, 'none'>, number>;
  f1: number;
  /** Among gold claims that were detected, how many got the right stance. */
  stanceAccuracy: number;
  stanceAccuracyByClass: Record<Exclude<Label, 'none'>, number>;
  claimsOnNone: number;
}

const CLAIM_LABELS = ['overcapacity', 'demand', 'neutral'] as const;
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function metrics(c: Confusion): Metrics {
  const detectedAs = (gold: Label) => CLAIM_LABELS.reduce((sum, p) => sum + c[gold][p], 0);
  const goldClaims = CLAIM_LABELS.reduce(
    (sum, g) => sum + c[g].overcapacity + c[g].demand + c[g].neutral + c[g].none,
    0,
  );
  const truePositives = CLAIM_LABELS.reduce((sum, g) => sum + detectedAs(g), 0);
  const predictions = truePositives + detectedAs('none');
  const precision = ratio(truePositives, predictions);
  const recallAll = ratio(truePositives, goldClaims);
  const recall = Object.fromEntries(
    CLAIM_LABELS.map((g) => [g, ratio(detectedAs(g), detectedAs(g) + c[g].none)]),
  ) as Metrics['recall'];
  const stanceAccuracyByClass = Object.fromEntries(
    CLAIM_LABELS.map((g) => [g, ratio(c[g][g], detectedAs(g))]),
  ) as Metrics['stanceAccuracyByClass'];
  const rightStance = CLAIM_LABELS.reduce((sum, g) => sum + c[g][g], 0);
  return {
    precision,
    recall,
    f1: precision + recallAll === 0 ? 0 : (2 * precision * recallAll) / (precision + recallAll),
    stanceAccuracy: ratio(rightStance, truePositives),
    stanceAccuracyByClass,
    claimsOnNone: detectedAs('none'),
  };
}
