import { useEffect, useState } from 'preact/hooks';
import type { TopicPack } from '../utils/detect/pack.ts';
import type { PackRecord } from '../utils/db/schema.ts';
import type { Outcome } from '../utils/messages.ts';

/** A small pack to start from: it shows every field a pack may have. */
export const EXAMPLE_PACK = {
  id: 'my-energy-pack',
  name: 'Power for AI data centres',
  version: 1,
  anchors: ['data centre*', 'data center*', 'grid', 'power purchase agreement*'],
  contextAnchors: ['electricity', 'power'],
  cues: [
    { phrase: 'grid ... constrain*', stance: 'demand', weight: 1.2 },
    { phrase: 'power ... glut', stance: 'overcapacity', weight: 1.2 },
  ],
  families: { power: ['power', 'electricity', 'megawatt*'], short: ['shortage*', 'scarce', 'tight'] },
  rules: [{ families: ['power', 'short'], stance: 'demand', weight: 1.2, within: 6 }],
};

export interface PackActions {
  save(json: string): Promise<Outcome<{ id: string }>>;
  setEnabled(id: string, enabled: boolean): Promise<Outcome<object>>;
  remove(id: string): Promise<Outcome<object>>;
}

type Status = { kind: 'idle' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

/** The reader's topic packs: the built-in ones (switch only) and their own (switch, edit, delete, add). */
export function PackManager({
  builtIn,
  own,
  disabled,
  actions,
}: {
  builtIn: readonly TopicPack[];
  own: readonly PackRecord[];
  disabled: readonly string[];
  actions: PackActions;
}) {
  const [draft, setDraft] = useState('');
  // A switch follows the reader's click at once; the stored setting confirms it a moment later.
  const [clicked, setClicked] = useState<Record<string, boolean>>({});
  useEffect(() => setClicked({}), [disabled]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const run = async (work: () => Promise<Outcome<object>>, done: string) => {
    const outcome = await work().catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    setStatus(outcome.ok ? { kind: 'ok', text: done } : { kind: 'error', text: outcome.error });
    return outcome.ok;
  };
  const row = (pack: TopicPack, isOwn: boolean) => {
    const enabled = clicked[pack.id] ?? !disabled.includes(pack.id);
    return (
      <li key={pack.id} class="pack" data-testid="pack-row" data-pack-id={pack.id}>
        <label>
          <input
            type="checkbox"
            checked={enabled}
            data-testid={`pack-enabled-${pack.id}`}
            onChange={() => {
              setClicked({ ...clicked, [pack.id]: !enabled });
              void run(
                () => actions.setEnabled(pack.id, !enabled),
                `${pack.name}: ${enabled ? 'off' : 'on'}`,
              );
            }}
          />{' '}
          <strong>{pack.name}</strong> <code>{pack.id}</code>
        </label>
        <span class="muted">
          {isOwn ? 'yours' : 'built in'} · {pack.anchors.length} anchors, {pack.cues.length} cues,{' '}
          {pack.rules.length} rules
        </span>
        {isOwn && (
          <span class="pack__actions">
            <button type="button" onClick={() => setDraft(JSON.stringify(pack, null, 2))}>
              Edit
            </button>
            <button
              type="button"
              data-testid={`pack-delete-${pack.id}`}
              onClick={() => {
                if (confirm(`Delete the topic pack “${pack.name}”? Claims already stored stay as they are.`))
                  void run(() => actions.remove(pack.id), `${pack.name} deleted`);
              }}
            >
              Delete
            </button>
          </span>
        )}
      </li>
    );
  };
  return (
    <section id="packs" aria-labelledby="packs-heading" class="packs">
      <h2 id="packs-heading">Topic packs</h2>
      <p class="muted">
        What ClaimLens looks for. Switch packs off, or add your own as JSON: anchors say what a sentence must
        be about, cues and rules which way it leans.
      </p>
      <ul class="pack-list">
        {builtIn.map((pack) => row(pack, false))}
        {own.map((record) => row(record.pack, true))}
      </ul>
      <label for="pack-json">Pack JSON</label>
      <textarea
        id="pack-json"
        data-testid="pack-json"
        rows={10}
        spellcheck={false}
        value={draft}
        onInput={(event) => setDraft((event.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="toolbar">
        <button
          type="button"
          data-testid="pack-save"
          onClick={() =>
            void run(
              () => actions.save(draft),
              'Pack saved: it applies to the pages you open from now on.',
            ).then((ok) => ok && setDraft(''))
          }
        >
          Save pack
        </button>
        <button type="button" onClick={() => setDraft(JSON.stringify(EXAMPLE_PACK, null, 2))}>
          Start from an example
        </button>
        {status.kind === 'ok' && (
          <span role="status" data-testid="pack-result">
            {status.text}
          </span>
        )}
        {status.kind === 'error' && (
          <span role="alert" data-testid="pack-result">
            {status.text}
          </span>
        )}
      </div>
    </section>
  );
}
