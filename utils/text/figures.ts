import type { Span } from './segment.ts';

export type FigureUnit = 'percent' | 'usd' | 'yuan' | 'gw' | 'mw' | 'gpu-hours' | 'gpus' | 'count';

export interface Figure extends Span {
  text: string;
  /** The number with its scale applied (6% → 6, $80bn → 80e9, 200 billion yuan → 200e9). */
  value: number;
  unit: FigureUnit;
}

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
};

// One pattern, read left to right: optional currency, the number, optional scale word, optional unit word.
const FIGURE =
  /(?<![\p{L}\p{N}.,$¥])(?<cur>\$|US\$|¥|RMB\s?)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<scale>trillion|billion|million|thousand|tn|bn|mn|[kmbt])\b)?(?:\s?(?<unit>%|per\s?cent|percent|yuan|renminbi|dollars|gigawatts?|GW|megawatts?|MW|GPU[- ]hours?|GPUs|chips)\b|(?<pct>%))?/giu;

/** Numbers with units in `text[from, to)`: percentages, money, power, GPU counts and GPU-hours. */
export function findFigures(text: string, from = 0, to = text.length): Figure[] {
  const figures: Figure[] = [];
  // Every figure has a digit, and most sentences have none: a scan is far cheaper than the pattern.
  if (!hasDigit(text, from, to)) return figures;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(FIGURE)) {
    const g = m.groups ?? {};
    const unit = unitOf(g.cur, g.unit ?? g.pct);
    const scale = g.scale ? (SCALES[g.scale.toLowerCase()] ?? 1) : 1;
    // Bare numbers (years, counts without a unit) are not figures worth comparing.
    if (unit === 'count' && scale === 1) continue;
    const start = from + (m.index ?? 0);
    const value = Number((g.num ?? '0').replace(/,/g, '')) * scale;
    figures.push({ start, end: start + m[0].length, text: m[0], value, unit });
  }
  return figures;
}

function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function unitOf(currency: string | undefined, unit: string | undefined): FigureUnit {
  const u = unit?.toLowerCase().replace(/[\s-]/g, '') ?? '';
  if (u === '%' || u.startsWith('per') || u === 'percent') return 'percent';
  if (u.startsWith('gigawatt') || u === 'gw') return 'gw';
  if (u.startsWith('megawatt') || u === 'mw') return 'mw';
  if (u.startsWith('gpuhour')) return 'gpu-hours';
  if (u === 'gpus' || u === 'chips') return 'gpus';
  if (u === 'yuan' || u === 'renminbi' || currency === '¥' || currency?.startsWith('RMB')) return 'yuan';
  if (currency?.includes('$') || u === 'dollars') return 'usd';
  return 'count';
}
