import { detectorFromConfig, type DetectorConfig } from '../detect/config.ts';
import type { Detector } from '../detect/detect.ts';
import type { TopicPack } from '../detect/pack.ts';
import { DetectionRepository } from './detection.ts';
import type { ClaimLensDatabase } from './schema.ts';
import { SettingsRepository } from './settings.ts';
import { onTablesChanged } from './watch.ts';

/**
 * The detector this machine runs, compiled once and kept until the reader's packs, pack switches or corrections
 * change (by a message, an import or a delete): every page is read by the same compiled matcher and model.
 */
export class DetectorCache {
  private compiled: Promise<Detector> | null = null;
  private readonly detection: DetectionRepository;
  private readonly settings: SettingsRepository;

  constructor(
    db: ClaimLensDatabase,
    private readonly builtIn: readonly TopicPack[],
  ) {
    this.detection = new DetectionRepository(db);
    this.settings = new SettingsRepository(db);
    // A change while a detector compiles drops it too: it is used by the pages already waiting, then replaced.
    onTablesChanged([db.packs, db.settings, db.corrections], () => (this.compiled = null));
  }

  current(): Promise<Detector> {
    if (this.compiled) return this.compiled;
    const compiled = this.config().then((config) => detectorFromConfig(this.builtIn, config));
    this.compiled = compiled;
    // A failed read is not kept: the next page tries again.
    compiled.catch(() => {
      if (this.compiled === compiled) this.compiled = null;
    });
    return compiled;
  }

  /** The reader's packs, switches and what their corrections taught. */
  async config(): Promise<DetectorConfig> {
    const [packs, disabledPacks, adjustments] = await Promise.all([
      this.detection.packs(),
      this.settings.disabledPacks(),
      this.detection.adjustments(),
    ]);
    return {
      packs: packs.map((p) => p.pack),
      disabledPacks,
      cueFactors: [...adjustments.cueFactors],
      verdicts: [...adjustments.verdicts],
      taught: [...adjustments.taught],
    };
  }
}
