import { describe, expect, it } from 'vitest';
import { detectInText } from '../../../utils/analyze.ts';
import { compileDetector, sentenceKey, type DetectedClaim } from '../../../utils/detect/detect.ts';
import { learnAdjustments, type Correction } from '../../../utils/detect/learn.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';

const CONTEXT = 'Nvidia GPUs, AI data centres and hyperscaler capex are the subject here.';

function detect(sentence: string, corrections: Correction[] = []): DetectedClaim | undefined {
  const text = `${CONTEXT}\n\n${sentence}`;
  const detector = compileDetector(BUILT_IN_PACKS, learnAdjustments(corrections));
  const blocks = [
    { start: 0, end: CONTEXT.length },
    { start: CONTEXT.length + 2, end: text.length },
  ];
  return detectInText(text, blocks, 'en', detector).find((c) => c.start > CONTEXT.length);
}

function correct(claim: DetectedClaim, verdict: Correction['verdict'], at: number): Correction {
  return {
    sentenceKey: sentenceKey(claim.text),
    text: claim.text,
    detected: claim.stance,
    verdict,
    cues: claim.cues.map((c) => ({ key: c.key, stance: c.stance })),
    createdAt: new Date(Date.UTC(2026, 6, 1, 0, at)).toISOString(),
  };
}

describe('learning from the reader', () => {
  it('keeps the reader’s verdict on a sentence wherever it appears again', () => {
    const sentence =
      'Rental prices for H100 GPUs fell again this quarter as idle capacity piled up at providers.';
    const claim = detect(sentence) as DetectedClaim;
    expect(claim).toBeDefined();
    // Whatever ClaimLens read, the reader's other verdict stands, and "not a claim" removes it.
    const verdict = claim.stance === 'neutral' ? 'demand' : 'neutral';
    expect(detect(sentence, [correct(claim, verdict, 1)])).toMatchObject({
      stance: verdict,
      confidence: 0.99,
    });
    expect(detect(sentence, [correct(claim, null, 1)])).toBeUndefined();
  });

  it('lets the latest word on a sentence stand', () => {
    const sentence = 'Rental prices for H100 GPUs fell again this quarter at most providers.';
    const claim = detect(sentence) as DetectedClaim;
    const history = [correct(claim, null, 1), correct(claim, 'demand', 2)];
    expect(detect(sentence, history)?.stance).toBe('demand');
  });

  it('re-weights a cue the reader keeps overruling, so it changes the reading of sentences never corrected', () => {
    // This reader reads falling GPU rental prices as cheaper compute, not as a glut.
    const taught = [
      'Rental prices for H100 GPUs fell again this quarter at most providers.',
      'Hourly prices for renting AI chips dropped sharply across the big clouds.',
      'GPU rental rates slid to new lows in the spring, brokers said.',
    ].map((sentence, i) => correct(detect(sentence) as DetectedClaim, 'neutral', i));
    const unseen = 'Hourly rates for Blackwell GPUs dropped by a third at smaller clouds.';
    const before = detect(unseen);
    const after = detect(unseen, taught);
    expect(before?.stance).toBe('overcapacity');
    // The price-fall rule lost weight three times (0.8³ ≈ 0.51): not enough on its own any more.
    expect(after?.stance ?? 'none').not.toBe('overcapacity');
  });

  it('bounds learned factors', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({
      sentenceKey: `s${i}`,
      text: `Sentence ${i} about a glut of GPUs.`,
      detected: 'overcapacity' as const,
      verdict: 'demand' as const,
      cues: [{ key: 'overcapacity:glut*', stance: 'overcapacity' as const }],
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    }));
    expect(learnAdjustments(many).cueFactors.get('overcapacity:glut*')).toBe(0.25);
  });
});
