import { useState } from 'preact/hooks';
import { downloadBlob } from '../../components/download.ts';
import type { ImportPlan } from '../../utils/db/import.ts';
import { collectBlob, type Part } from '../../utils/export/chunks.ts';
import { csvParts } from '../../utils/export/csv.ts';
import { describeSkipped } from '../../utils/export/hypothesis.ts';
import { parseImport, type ImportBatch } from '../../utils/export/import.ts';
import { markdownParts } from '../../utils/export/markdown.ts';
import { annotationCollectionParts, type Library } from '../../utils/export/web-annotation.ts';
import { importMessages, MAX_IMPORT_CHARS, type ImportSummary } from '../../utils/messages.ts';
import { importPlanner, libraryStore, send } from './store.ts';

export type Format = 'json' | 'csv' | 'md';

const FORMATS: Record<
  Format,
  { extension: string; type: string; parts: (l: Library, now: Date) => Iterable<Part> }
> = {
  json: { extension: 'jsonld', type: 'application/ld+json', parts: annotationCollectionParts },
  csv: {
    extension: 'csv',
    type: 'text/csv;charset=utf-8',
    parts: (l) => csvParts(l.articles, l.claims, l.annotations),
  },
  md: {
    extension: 'md',
    type: 'text/markdown;charset=utf-8',
    parts: (l, now) => markdownParts(l.articles, l.claims, now, l.annotations),
  },
};

/**
 * Downloads `library` (the whole library, or the part of it the reader filtered) in one format. The file is
 * written a slice at a time, the page free to paint between slices, and assembled as a Blob of the parts.
 */
export async function exportLibrary(
  format: Format,
  library: Library,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const now = new Date();
  const { extension, type, parts } = FORMATS[format];
  const blob = await collectBlob(parts(library, now), type, onProgress);
  downloadBlob(blob, `claimlens-${now.toISOString().slice(0, 10)}.${extension}`);
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function outcomeText(reply: ImportSummary): string {
  const { counts, skipped } = reply;
  return (
    `Imported ${plural(reply.annotations, 'annotation')} from ${plural(reply.articles, 'article')}: ` +
    `${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ` +
    `${counts.conflicting} conflicting (your newer version kept)` +
    (skipped > 0 ? `; ${plural(skipped, 'item')} skipped.` : '.')
  );
}

/** Sends the file to the background in parts a message can carry, then has it imported whole. */
async function sendImport(text: string) {
  const { parts, commit } = importMessages(crypto.randomUUID(), text);
  for (const part of parts) {
    const reply = await send(part);
    if (!reply.ok) return reply;
  }
  return send(commit);
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'preview'; name: string; text: string; batch: ImportBatch; plan: ImportPlan }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

/** Export of the whole library in three formats, and import of a ClaimLens export or plain W3C annotations. */
export function TransferView() {
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [progress, setProgress] = useState<{ format: Format; done?: number; total?: number } | null>(null);

  const onExport = async (format: Format) => {
    setProgress({ format });
    try {
      await exportLibrary(format, await libraryStore.load(), (done, total) =>
        setProgress({ format, done, total }),
      );
    } finally {
      setProgress(null);
    }
  };

  const onApply = async (text: string) => {
    setImportState({ kind: 'busy', text: 'Importing…' });
    try {
      const reply = await sendImport(text);
      setImportState(
        reply.ok
          ? { kind: 'done', text: outcomeText(reply) }
          : { kind: 'failed', text: `Nothing was imported. ${reply.error}` },
      );
    } catch (error) {
      // The background answers every import with an outcome: no answer means it stopped (MV3 may stop it at any
      // moment) before replying, and its one transaction either committed or left nothing.
      setImportState({
        kind: 'failed',
        text:
          `The import was interrupted (${(error as Error).message}): the file was stored whole or not at all. ` +
          'Choose it again to be sure; what is already stored counts as unchanged.',
      });
    }
  };

  const onChoose = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const refuse = (reason: string) =>
      setImportState({ kind: 'failed', text: `Nothing was imported. ${reason}` });
    // Checked before reading: a file over the limit is never loaded into memory.
    if (file.size > MAX_IMPORT_CHARS)
      return refuse(
        `The file is too large (${Math.ceil(file.size / 1e6)} MB): the limit is ${Math.ceil(MAX_IMPORT_CHARS / 1e6)} MB.`,
      );
    setImportState({ kind: 'busy', text: `Reading ${file.name}…` });
    try {
      const text = await file.text();
      const parsed = parseImport(text, new Date());
      if (!parsed.ok) return refuse(parsed.error);
      const plan = await importPlanner.plan(parsed.value);
      // A file that only adds goes straight in (the outcome says what came); one that would change what the
      // reader already has waits for them to look at the preview and confirm.
      if (plan.counts.updated === 0 && plan.counts.conflicting === 0) return await onApply(text);
      setImportState({ kind: 'preview', name: file.name, text, batch: parsed.value, plan });
    } catch (error) {
      refuse((error as Error).message);
    }
  };

  const exportButton = (format: Format, label: string) => (
    <button
      type="button"
      data-testid={`export-${format}`}
      disabled={progress !== null}
      onClick={() => void onExport(format)}
    >
      {label}
    </button>
  );

  return (
    <section id="transfer" class="transfer" aria-label="Export and import">
      <div class="toolbar">
        {exportButton('json', 'Export JSON (Web Annotation)')}
        {exportButton('csv', 'Export CSV')}
        {exportButton('md', 'Export Markdown')}
        {progress && (
          <label class="transfer__progress">
            Exporting {progress.format.toUpperCase()}
            {progress.total ? ` (${progress.done ?? 0} of ${progress.total})` : '…'}{' '}
            <progress data-testid="export-progress" value={progress.done} max={progress.total || undefined} />
          </label>
        )}
        <label class="import">
          Import (ClaimLens, W3C or Hypothesis JSON){' '}
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            data-testid="import-file"
            onChange={(e) => void onChoose(e)}
          />
        </label>
        {importState.kind === 'busy' && (
          <span role="status" data-testid="import-result">
            {importState.text}
          </span>
        )}
        {importState.kind === 'done' && (
          <span role="status" data-testid="import-result">
            {importState.text}
          </span>
        )}
        {importState.kind === 'failed' && (
          <span role="alert" data-testid="import-result">
            {importState.text}
          </span>
        )}
      </div>
      {importState.kind === 'preview' && (
        <ImportPreview
          name={importState.name}
          batch={importState.batch}
          plan={importState.plan}
          onApply={() => void onApply(importState.text)}
          onCancel={() => setImportState({ kind: 'idle' })}
        />
      )}
    </section>
  );
}

function ImportPreview(props: {
  name: string;
  batch: ImportBatch;
  plan: ImportPlan;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { name, batch, plan, onApply, onCancel } = props;
  const { counts } = plan;
  const format = batch.format === 'claimlens' ? 'a ClaimLens export' : 'W3C / Hypothesis annotations';
  return (
    <div class="import-preview" data-testid="import-preview" role="group" aria-label="Import preview">
      <p>
        <strong>{name}</strong> holds {format}. Nothing is imported until you choose Import.
      </p>
      <ul class="import-preview__counts">
        <li data-count="new">{counts.new} new</li>
        <li data-count="updated">{counts.updated} updated</li>
        <li data-count="unchanged">{counts.unchanged} unchanged</li>
        <li data-count="conflicting">
          {counts.conflicting} conflicting (changed here later too: your version is kept)
        </li>
        <li data-count="articles">{plural(plan.newArticles, 'new article')}</li>
      </ul>
      {batch.skipped.length > 0 && (
        <p class="import-preview__skipped" data-testid="import-skipped">
          {describeSkipped(batch.skipped, 5)}
        </p>
      )}
      <div class="import-preview__actions">
        <button type="button" data-testid="import-apply" onClick={onApply}>
          Import
        </button>
        <button type="button" data-testid="import-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
