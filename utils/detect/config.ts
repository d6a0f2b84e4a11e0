import type { DetectorConfig } from '../messages.ts';
import { compileDetector, type Detector } from './detect.ts';
import type { TopicPack } from './pack.ts';

/** The detector this machine should run: built-in and own packs, less the switched-off ones, with what it learned. */
export function detectorFromConfig(builtIn: readonly TopicPack[], config: DetectorConfig | null): Detector {
  if (!config) return compileDetector(builtIn);
  const disabled = new Set(config.disabledPacks);
  const packs = [...builtIn, ...config.packs].filter((pack) => !disabled.has(pack.id));
  return compileDetector(packs, {
    cueFactors: new Map(config.cueFactors),
    verdicts: new Map(config.verdicts),
    taught: config.taught,
  });
}
