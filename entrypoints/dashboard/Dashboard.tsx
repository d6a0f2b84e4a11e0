import { LibraryView } from './LibraryView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { TagsView } from './TagsView.tsx';
import { StoriesView } from './StoriesView.tsx';
import { TeachingView } from './TeachingView.tsx';
import { TransferView } from './TransferView.tsx';

/** The reader's library: one page of sections, each its own view, reached from the contents at the top. */
export function Dashboard() {
  return (
    <main class="dashboard">
      <header>
        <h1>ClaimLens library</h1>
        <p class="muted">Everything here is stored in this browser only.</p>
        <nav aria-label="Sections" class="sections">
          <a href="#library">Library</a>
          <a href="#stories">Stories</a>
          <a href="#transfer">Export and import</a>
          <a href="#packs">Topic packs</a>
          <a href="#orphans">Not found</a>
          <a href="#tags">Tags</a>
          <a href="#settings">Settings</a>
        </nav>
      </header>
      <TransferView />
      <LibraryView />
      <StoriesView />
      <TeachingView />
      <TagsView />
      <SettingsView />
    </main>
  );
}
