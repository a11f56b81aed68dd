'use client'

/**
 * `@castline/react/player`: `<TranscriptPlayer>`, the whole player in one component (title, waveform,
 * controls, search and transcript around one provider), and its keyboard shortcuts (`usePlayerShortcuts`,
 * which a custom layout can put on its own container too). `<TranscriptPlayer>` renders `<Waveform>`, so it
 * needs wavesurfer.js; a site composing its own layout imports the parts from `@castline/react` and
 * `@castline/react/waveform` instead.
 * A client module ('use client'), as every entry is (see src/index.ts).
 */
export {
  type PlayerShortcut,
  playerShortcutFor,
  type ShortcutKeyEvent,
  usePlayerShortcuts,
} from '../keyboard.js'
export { FeedPlayer, type FeedPlayerProps, TranscriptPlayer, type TranscriptPlayerProps } from '../player.js'
