'use client'

// From a podcast feed: the loader both renderers use (for a page that loads an episode itself), the hook
// and the highlights list. Here rather than in the root: a site without a feed does not pay for them.
export {
  describeTranscriptAttempts,
  type FeedEpisode,
  FeedLoadError,
  loadFeedEpisode,
} from '@castline/dom'
export { type FeedEpisodeLoad, Highlights, type HighlightsProps, useFeedEpisode } from '../feed.js'
/**
 * `@castline/react/player`: `<TranscriptPlayer>`, the whole player in one component (title, waveform,
 * controls, search and transcript around one provider), and its keyboard shortcuts (`usePlayerShortcuts`,
 * which a custom layout can put on its own container too). `<TranscriptPlayer>` renders `<Waveform>`, so it
 * needs wavesurfer.js. `<FeedPlayer>` loads it all from a podcast feed (`useFeedEpisode`, `<Highlights>`
 * for a layout of its own). A site composing its own layout imports the parts from `@castline/react` and
 * `@castline/react/waveform` instead.
 * A client module ('use client'), as every entry is (see src/index.ts).
 */
export {
  type PlayerShortcut,
  playerShortcutFor,
  type ShortcutKeyEvent,
  usePlayerShortcuts,
} from '../keyboard.js'
export {
  FeedPlayer,
  type FeedPlayerProps,
  type PlayerLayoutName,
  TranscriptPlayer,
  type TranscriptPlayerProps,
} from '../player.js'
