import { compileDetector, type Detector } from './detect.ts';
import type { TaughtSentence } from './model.ts';
import type { Stance, TopicPack } from './pack.ts';

/** What detection uses on this machine besides the built-in packs: the reader's packs, switches and teaching. */
export interface DetectorConfig {
  packs: TopicPack[];
  disabledPacks: string[];
  cueFactors: [string, number][];
  verdicts: [string, Stance | null][];
  taught: TaughtSentence[];
}

/** The detector this machine should run: built-in and own packs, less the switched-off ones, with what it learned. */
export function detectorFromConfig(builtIn: readonly TopicPack[], config: DetectorConfig): Detector {
  const disabled = new Set(config.disabledPacks);
  const packs = [...builtIn, ...config.packs].filter((pack) => !disabled.has(pack.id));
  return compileDetector(packs, {
    cueFactors: new Map(config.cueFactors),
    verdicts: new Map(config.verdicts),
    taught: config.taught,
  });
}
