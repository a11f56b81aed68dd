import { PlayerShortcuts, type PlayerShortcutsOptions } from '@castline/dom'
import { type KeyboardEvent as ReactKeyboardEvent, useState } from 'react'
import { useCastlineApi } from './hooks.js'

export { type PlayerShortcut, playerShortcutFor, type ShortcutKeyEvent } from '@castline/dom'

/**
 * The player's keyboard shortcuts as a keydown handler for the element that wraps the player's parts
 * (`<TranscriptPlayer>` puts it on its root; a custom layout puts it on its own container): Space/K
 * play-pause, J/L -10/+10 s, arrows -5/+5 s, `/` search, `[`/`]` previous/next chapter, as `PlayerShortcuts` (@castline/dom) decides.
 * Handled keys are `preventDefault`ed so the page does not also scroll. The handler keeps its identity.
 */
export function usePlayerShortcuts(): (event: ReactKeyboardEvent) => void {
  const { controller, seekTo, togglePlay, focusSearch, chapterState } = useCastlineApi()
  const options: PlayerShortcutsOptions = {
    getTime: () => controller.getTime(),
    seek: seekTo,
    togglePlay,
    focusSearch,
    chapter: (direction) => (direction < 0 ? chapterState.previous() : chapterState.next()),
  }
  const [shortcuts] = useState(() => new PlayerShortcuts(options))
  shortcuts.setOptions(options)
  return shortcuts.handleKeyDown
}
