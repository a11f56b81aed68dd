/**
 * `@castline/element`: Castline as custom elements over `@castline/dom`. Importing it defines
 * `<castline-player>`, `<castline-transcript>`, `<castline-waveform>`, `<castline-controls>` and
 * `<castline-search>` (each once: a second copy of the script defines nothing). See docs/embed.md.
 */
import { CastlineControlsElement } from './controls.js'
import { CastlinePlayerElement } from './player.js'
import { CastlineSearchElement } from './search.js'
import type { CastlineEventMap } from './session.js'
import { CastlineTranscriptElement } from './transcript.js'
import { CastlineWaveformElement } from './waveform.js'

// The deep-link helpers both renderers share, under the names this package gave them.
export { linkToTime, parseTimeFragment as timeFragment } from '@castline/dom'
export { CastlineControlsElement, formatRate, PLAYBACK_RATES } from './controls.js'
export { CastlinePart } from './part.js'
export { CastlinePlayerElement, PART_NAMES } from './player.js'
export { CastlineSearchElement, matchCountText } from './search.js'
export {
  type CastlineEventMap,
  CastlineSession,
  type ChapterChangeDetail,
  type CueChangeDetail,
  type ErrorDetail,
  type FollowChangeDetail,
  type ReadyDetail,
  type SearchState,
  type SeekDetail,
  sessionFor,
} from './session.js'
export { CSS } from './styles.js'
export { CastlineTranscriptElement } from './transcript.js'
export { CastlineWaveformElement } from './waveform.js'

/** The element names and their classes, parts before the player that creates them. */
export const ELEMENTS = {
  'castline-transcript': CastlineTranscriptElement,
  'castline-search': CastlineSearchElement,
  'castline-controls': CastlineControlsElement,
  'castline-waveform': CastlineWaveformElement,
  'castline-player': CastlinePlayerElement,
} as const

/** Defines the elements in `registry` (default: the page's), skipping names already defined. */
export function defineCastlineElements(
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): void {
  if (registry === undefined) return
  for (const [name, element] of Object.entries(ELEMENTS)) {
    if (registry.get(name) === undefined) registry.define(name, element)
  }
}

defineCastlineElements()

declare global {
  interface HTMLElementTagNameMap {
    'castline-player': CastlinePlayerElement
    'castline-transcript': CastlineTranscriptElement
    'castline-search': CastlineSearchElement
    'castline-controls': CastlineControlsElement
    'castline-waveform': CastlineWaveformElement
  }
  interface HTMLElementEventMap extends CastlineEventMap {}
}
