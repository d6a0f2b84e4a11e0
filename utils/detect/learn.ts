import type { Adjustments } from './detect.ts';
import type { TaughtSentence } from './model.ts';
import type { Stance } from './pack.ts';

/** What the reader said about one claim (or one sentence they marked as a claim themselves). */
export interface Correction {
  sentenceKey: string;
  /** The sentence itself, for teaching the learned model. */
  text: string;
  /** What ClaimLens had said: a stance, or null when the reader added the claim by hand. */
  detected: Stance | null;
  /** What the reader says: a stance, or null for "not a claim". */
  verdict: Stance | null;
  /** The cues and rules that fired, with the stance each counted for. */
  cues: { key: string; stance: Stance }[];
  createdAt: string;
}

/** A cue that counted for the wrong side loses this share of its weight, each time. */
const WRONG_FACTOR = 0.8;
/** A cue that counted for the side the reader chose gains this much, each time. */
const RIGHT_FACTOR = 1.1;
/** A cue behind a "not a claim" loses a little: it may be right elsewhere. */
const NOT_A_CLAIM_FACTOR = 0.9;
/** Learned factors stay within these bounds, so no run of corrections silences or runs away with a cue. */
const MIN_FACTOR = 0.25;
const MAX_FACTOR = 1.6;

/**
 * Turns the reader's corrections into detection adjustments for this machine: their last word on each
 * sentence stands wherever that sentence appears again, every cue is re-weighted by how often it led the
 * detector the reader's way, and the sentences themselves teach the learned model.
 */
export function learnAdjustments(corrections: readonly Correction[]): Adjustments {
  const verdicts = new Map<string, Stance | null>();
  const taught: TaughtSentence[] = [];
  const cueFactors = new Map<string, number>();
  const scale = (key: string, factor: number) => {
    const next = (cueFactors.get(key) ?? 1) * factor;
    cueFactors.set(key, Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, next)));
  };
  const inOrder = [...corrections].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const correction of inOrder) {
    verdicts.set(correction.sentenceKey, correction.verdict);
    taught.push({ text: correction.text, ruled: correction.detected ?? 'none', verdict: correction.verdict });
    for (const cue of correction.cues) {
      if (correction.verdict === null) scale(cue.key, NOT_A_CLAIM_FACTOR);
      else scale(cue.key, cue.stance === correction.verdict ? RIGHT_FACTOR : WRONG_FACTOR);
    }
  }
  return { verdicts, cueFactors, taught };
}
