'use client'

/**
 * `@castline/react/controls`: `<PlayerControls>` (play/pause, skip back and forward, time, playback rate)
 * for the provider's audio. A site that shows the transcript beside its own audio or video player never
 * needs it, so it is not in the root entry; `useMediaState` (in the root) builds controls of your own.
 * A client module ('use client'), as every entry is (see src/index.ts).
 */
export {
  DEFAULT_PLAYBACK_RATES,
  formatRate,
  MiniPlayer,
  type MiniPlayerProps,
  PlayerControls,
  type PlayerControlsProps,
} from '../controls.js'
