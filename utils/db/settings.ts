import { HIGHLIGHT_STYLES, type HighlightStyle } from '../highlight/styles.ts';
import type { ClaimLensDatabase } from './schema.ts';

/** Where the reader switched highlighting off: everywhere, or on some sites (by host). */
export interface HighlightSettings {
  everywhere: boolean;
  offSites: string[];
}

/** How pages are read: analysed as they load (else only when the reader asks), and how highlights look. */
export interface ReadingSettings {
  autoAnalyze: boolean;
  highlightStyle: HighlightStyle;
}

const HIGHLIGHTS = 'highlights';
const DISABLED_PACKS = 'disabledPacks';
const READING = 'reading';
const DEFAULT_HIGHLIGHTS: HighlightSettings = { everywhere: true, offSites: [] };
const DEFAULT_READING: ReadingSettings = { autoAnalyze: true, highlightStyle: 'tint' };

/** Small named settings; each is read defensively (a missing or malformed value means the default). */
export class SettingsRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  async highlights(): Promise<HighlightSettings> {
    const value = (await this.db.settings.get(HIGHLIGHTS))?.value as Partial<HighlightSettings> | undefined;
    return {
      everywhere: typeof value?.everywhere === 'boolean' ? value.everywhere : DEFAULT_HIGHLIGHTS.everywhere,
      offSites: Array.isArray(value?.offSites) ? value.offSites.filter((s) => typeof s === 'string') : [],
    };
  }

  /** Whether ClaimLens analyses and highlights pages of `host`. */
  async highlightsOn(host: string): Promise<boolean> {
    const settings = await this.highlights();
    return settings.everywhere && !settings.offSites.includes(host);
  }

  async setSite(host: string, on: boolean): Promise<void> {
    await this.db.transaction('rw', this.db.settings, async () => {
      const settings = await this.highlights();
      const off = new Set(settings.offSites);
      if (on) off.delete(host);
      else off.add(host);
      await this.db.settings.put({ key: HIGHLIGHTS, value: { ...settings, offSites: [...off].sort() } });
    });
  }

  async setEverywhere(on: boolean): Promise<void> {
    await this.db.transaction('rw', this.db.settings, async () => {
      await this.db.settings.put({
        key: HIGHLIGHTS,
        value: { ...(await this.highlights()), everywhere: on },
      });
    });
  }

  async disabledPacks(): Promise<string[]> {
    const value = (await this.db.settings.get(DISABLED_PACKS))?.value;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  async setPackEnabled(id: string, enabled: boolean): Promise<void> {
    await this.db.transaction('rw', this.db.settings, async () => {
      const disabled = new Set(await this.disabledPacks());
      if (enabled) disabled.delete(id);
      else disabled.add(id);
      await this.db.settings.put({ key: DISABLED_PACKS, value: [...disabled].sort() });
    });
  }

  async reading(): Promise<ReadingSettings> {
    const value = (await this.db.settings.get(READING))?.value as Partial<ReadingSettings> | undefined;
    return {
      autoAnalyze: typeof value?.autoAnalyze === 'boolean' ? value.autoAnalyze : DEFAULT_READING.autoAnalyze,
      highlightStyle:
        HIGHLIGHT_STYLES.find((s) => s === value?.highlightStyle) ?? DEFAULT_READING.highlightStyle,
    };
  }

  /** Changes the reading settings given (those left undefined stay as they are). */
  async updateReading(changes: Partial<ReadingSettings>): Promise<ReadingSettings> {
    return this.db.transaction('rw', this.db.settings, async () => {
      const current = await this.reading();
      const next: ReadingSettings = {
        autoAnalyze: changes.autoAnalyze ?? current.autoAnalyze,
        highlightStyle: changes.highlightStyle ?? current.highlightStyle,
      };
      await this.db.settings.put({ key: READING, value: next });
      return next;
    });
  }
}
