import './stories.css';
import { useId, useState } from 'preact/hooks';
import { OutletStanceChart } from '../../components/OutletStanceChart.tsx';
import { STANCE_LABELS } from '../../components/StanceBalance.tsx';
import { StoryTimeline } from '../../components/StoryTimeline.tsx';
import { useLiveQuery } from '../../components/use-live-query.ts';
import { textFragmentLink } from '../../utils/compare/fragment.ts';
import {
  otherSideArticleIds,
  otherSideClaims,
  storyOverviews,
  type StoryOverview,
  type StorySource,
} from '../../utils/compare/story-overview.ts';
import type { ClaimRecord } from '../../utils/db/schema.ts';
import { articles, claimStore } from './store.ts';

/** Stories drawn at first, and added per click: a large library would otherwise draw thousands of charts. */
const STORIES_PER_PAGE = 20;
/** Other-side sources and claims named in a blind-spot note. */
const OTHER_SIDE_SOURCES = 5;
const OTHER_SIDE_CLAIMS = 3;

/**
 * Computed once per change of the library, for the stories on screen only: the overviews come from their
 * article records; claims are read, by index, only for the other side of stories whose reading leans one way.
 */
async function load(shown: number) {
  const page = await articles.storyPage(shown);
  const overviews = storyOverviews(page.articles);
  const ids = otherSideArticleIds(overviews);
  const claims = await claimStore.forArticles(ids);
  return { stories: page.stories, overviews, otherClaims: otherSideClaims(overviews, claims) };
}

const popupLink = (source: StorySource) => `popup.html?url=${encodeURIComponent(source.article.url)}`;

/** Every story the reader has read: its sources over time, each outlet's stances, and any blind spot. */
export function StoriesView() {
  const [shown, setShown] = useState(STORIES_PER_PAGE);
  const state = useLiveQuery(() => load(shown), [shown]);
  if (state.status === 'error') return <p role="alert">Could not read the stories: {state.error}</p>;
  if (state.status === 'loading') return null;
  const { stories, overviews, otherClaims } = state.value;
  return (
    <section id="stories" aria-labelledby="stories-heading">
      <h2 id="stories-heading">
        <span data-testid="story-count">{stories}</span> {stories === 1 ? 'story' : 'stories'}
      </h2>
      {stories === 0 && <p class="muted">Stories appear here once you have read an article.</p>}
      {overviews.map((overview) => (
        <Story key={overview.id} overview={overview} otherClaims={otherClaims.get(overview.id) ?? []} />
      ))}
      {stories > overviews.length && (
        <button type="button" onClick={() => setShown(shown + STORIES_PER_PAGE)}>
          Show more stories ({stories - overviews.length} more)
        </button>
      )}
    </section>
  );
}

function Story({ overview, otherClaims }: { overview: StoryOverview; otherClaims: readonly ClaimRecord[] }) {
  const headingId = useId();
  const count = overview.sources.length;
  return (
    <article
      class="story"
      data-testid="story"
      data-story-id={overview.id}
      data-source-count={count}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{overview.title}</h3>
      <p class="muted">
        {count} {count === 1 ? 'source' : 'sources'} · {overview.outlets.length}{' '}
        {overview.outlets.length === 1 ? 'outlet' : 'outlets'}
      </p>
      <BlindSpot overview={overview} otherClaims={otherClaims} />
      <div class="story__charts">
        <StoryTimeline sources={overview.sources} hrefOf={popupLink} />
        <OutletStanceChart outlets={overview.outlets} />
      </div>
    </article>
  );
}

/** When the reader's reading of a story leans one way: by how much, and where the other side is argued. */
function BlindSpot({
  overview,
  otherClaims,
}: {
  overview: StoryOverview;
  otherClaims: readonly ClaimRecord[];
}) {
  const { lean, otherSide } = overview;
  if (!lean.leans || !otherSide) return null;
  const side = STANCE_LABELS[otherSide.stance].toLowerCase();
  const articleOf = new Map(overview.sources.map((s) => [s.article.id, s.article]));
  return (
    <div class="story__blind-spot" role="note" data-testid="blind-spot" data-leans={lean.leans}>
      <p>
        Your reading of this story leans {STANCE_LABELS[lean.leans].toLowerCase()}: {lean[lean.leans]} of{' '}
        {lean.overcapacity + lean.demand} claims that take a side.
        {otherSide.sources.length > 0
          ? ` The ${side} side is argued in what you have stored:`
          : ` None of your sources argues the ${side} side: look for one that does.`}
      </p>
      {otherSide.sources.length > 0 && (
        <ul>
          {otherSide.sources.slice(0, OTHER_SIDE_SOURCES).map((source) => (
            <li key={source.article.id} data-testid="other-side-source" data-url={source.article.url}>
              <a href={popupLink(source)}>{source.article.site}</a>{' '}
              <span class="muted">
                {source.article.title} · {source.article.stances[otherSide.stance]} {side}{' '}
                {source.article.stances[otherSide.stance] === 1 ? 'claim' : 'claims'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {otherClaims.length > 0 && (
        <ul class="story__other-claims">
          {otherClaims.slice(0, OTHER_SIDE_CLAIMS).map((claim) => {
            const source = articleOf.get(claim.articleId);
            return (
              <li key={claim.id} data-testid="other-side-claim">
                <q>{claim.text}</q> —{' '}
                <a
                  href={textFragmentLink(source?.url ?? claim.articleId, claim.text)}
                  target="_blank"
                  rel="noreferrer"
                >
                  {source?.site ?? claim.articleId}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
