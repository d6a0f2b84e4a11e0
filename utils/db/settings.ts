import type { ClaimLensDatabase } from './schema.ts';

/** Where the reader switched highlighting off: everywhere, or on some sites (by host). */
export interface HighlightSettings {
  everywhere: boolean;
  offSites: string[];
}

const HIGHLIGHTS = 'highlights';
const DISABLED_PACKS = 'disabledPacks';
const DEFAULT_HIGHLIGHTS: HighlightSettings = { everywhere: true, offSites: [] };

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
}
