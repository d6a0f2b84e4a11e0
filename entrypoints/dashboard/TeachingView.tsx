import { Orphan } from '../../components/AnnotationList.tsx';
import { CorrectionList } from '../../components/CorrectionList.tsx';
import { PackManager, type PackActions } from '../../components/PackManager.tsx';
import { useLiveQuery } from '../../components/use-live-query.ts';
import { BUILT_IN_PACKS } from '../../utils/detect/packs/index.ts';
import { annotations, detection, send, settings } from './store.ts';

const packActions: PackActions = {
  save: (json) => send({ type: 'packs/save', json }),
  setEnabled: (id, enabled) => send({ type: 'packs/set-enabled', id, enabled }),
  remove: (id) => send({ type: 'packs/delete', id }),
};

/** Topic packs, the corrections detection learns from, and annotations not found on their page. */
export function TeachingView() {
  const teaching = useLiveQuery(
    async () => ({
      packs: await detection.packs(),
      disabled: await settings.disabledPacks(),
      corrections: await detection.corrections(),
      orphans: await annotations.orphans(),
    }),
    [],
  );
  if (teaching.status !== 'ready') return null;
  const { packs, disabled, corrections, orphans } = teaching.value;
  return (
    <>
      <PackManager builtIn={BUILT_IN_PACKS} own={packs} disabled={disabled} actions={packActions} />
      <CorrectionList corrections={corrections} />
      <section id="orphans" aria-labelledby="orphans-heading">
        <h2 id="orphans-heading">
          Annotations not found on their page <span data-testid="orphan-count">{orphans.length}</span>
        </h2>
        {orphans.length === 0 ? (
          <p class="muted">Every annotation was found again on its last visit.</p>
        ) : (
          <ul class="corrections">
            {orphans.map((a) => (
              <Orphan key={a.id} annotation={a} keptAt={null} link />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
