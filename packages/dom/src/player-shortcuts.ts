/** What a player shortcut can ask for. */
export type PlayerShortcut =
  | { type: 'toggle-play' }
  /** Seek by `seconds` from the current position (negative: back). */
  | { type: 'skip'; seconds: number }
  | { type: 'focus-search' }
  /** Seek to the previous (-1) or next (1) chapter. */
  | { type: 'chapter'; direction: -1 | 1 }

/** The parts of a keydown event the shortcuts look at (a DOM or a React event fits). */
export interface ShortcutKeyEvent {
  key: string
  target: EventTarget | null
  defaultPrevented: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

// Fields where every key is text.
const TEXT_INPUT_TYPES = new Set([
  '',
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
])
// Roles whose own keyboard contract uses the arrow keys or Space.
const ARROW_ROLES = new Set([
  'slider',
  'spinbutton',
  'listbox',
  'menu',
  'menubar',
  'tablist',
  'tree',
  'grid',
  'radiogroup',
])
const SPACE_ROLES = new Set(['button', 'checkbox', 'switch', 'link', 'menuitem', 'option', 'tab', 'radio'])

function isTextField(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement) return true
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type)
  return el instanceof HTMLElement && el.isContentEditable
}

/** True when the focused element gives the arrow keys a meaning of its own (a slider, a select, a range). */
function handlesArrows(el: Element): boolean {
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)
    return true
  const role = el.closest('[role]')?.getAttribute('role')
  return role !== undefined && role !== null && ARROW_ROLES.has(role)
}

/** True when Space would press or toggle the focused element (a button, a link, a checkbox...). */
function handlesSpace(el: Element): boolean {
  if (
    el instanceof HTMLButtonElement ||
    el instanceof HTMLAnchorElement ||
    el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLElement && el.tagName === 'SUMMARY')
  )
    return true
  const role = el.getAttribute('role')
  return role !== null && SPACE_ROLES.has(role)
}

/**
 * Maps a keydown inside the player to a shortcut, or null when the key is not one or belongs to the
 * focused element: nothing in a text field; Space/K play-pause (Space not on a button, which Space
 * presses); J/L -10/+10 s; ArrowLeft/Right -5/+5 s unless the element uses arrows itself (a slider,
 * a select, the transcript list, which marks its arrows handled); `/` focuses search; `[` / `]`
 * previous / next chapter. A handler that
 * ran earlier and called `preventDefault` wins.
 */
export function playerShortcutFor(event: ShortcutKeyEvent): PlayerShortcut | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null
  const target = event.target instanceof Element ? event.target : null
  if (target !== null && isTextField(target)) return null
  switch (event.key) {
    case ' ':
    case 'Spacebar':
      return target !== null && handlesSpace(target) ? null : { type: 'toggle-play' }
    case 'k':
    case 'K':
      return { type: 'toggle-play' }
    case 'j':
    case 'J':
      return { type: 'skip', seconds: -10 }
    case 'l':
    case 'L':
      return { type: 'skip', seconds: 10 }
    case 'ArrowLeft':
      return target !== null && handlesArrows(target) ? null : { type: 'skip', seconds: -5 }
    case 'ArrowRight':
      return target !== null && handlesArrows(target) ? null : { type: 'skip', seconds: 5 }
    case '/':
      return { type: 'focus-search' }
    // `[` and `]` for chapters: one key each on most layouts (no Shift), and no single-letter clash.
    case '[':
      return { type: 'chapter', direction: -1 }
    case ']':
      return { type: 'chapter', direction: 1 }
    default:
      return null
  }
}

/** Options of `PlayerShortcuts`: what each shortcut asks of the player. `setOptions` replaces them. */
export interface PlayerShortcutsOptions {
  /** The playback position a skip starts from (the sync controller's or the media store's `getTime`). */
  getTime: () => number
  /** Carries out a seek (through the sync controller, so that follow mode hears of it). */
  seek: (seconds: number) => void
  /** Plays when paused, pauses when playing. */
  togglePlay: () => void
  /** Focuses the search field; false when there is none, so that `/` stays an ordinary key. */
  focusSearch?: (() => boolean) | undefined
  /**
   * Seeks to the previous (-1) or next (1) chapter; false when there is none (or no chapters), so that
   * `[` and `]` stay ordinary keys.
   */
  chapter?: ((direction: -1 | 1) => boolean) | undefined
}

/**
 * The player's keyboard shortcuts (Space/K play-pause, J/L -10/+10 s, arrows -5/+5 s, `/` search, `[`/`]`
 * chapters) for
 * the element that wraps the player's parts. `mount(root)` listens to keydown on `root` and returns the
 * cleanup; a renderer with its own event system calls `handleKeyDown` from its handler instead. Handled
 * keys are `preventDefault`ed so the page does not also scroll.
 */
export class PlayerShortcuts {
  /** The options in force. */
  options: PlayerShortcutsOptions

  constructor(options: PlayerShortcutsOptions) {
    this.options = options
  }

  /** Replaces the options (call it on every render). */
  setOptions(options: PlayerShortcutsOptions): void {
    this.options = options
  }

  /** Carries out the shortcut of `event`, if it is one; true (and the event's default prevented) when it was. */
  handleKeyDown = (event: ShortcutKeyEvent & { preventDefault(): void }): boolean => {
    const shortcut = playerShortcutFor(event)
    if (shortcut === null) return false
    const options = this.options
    switch (shortcut.type) {
      case 'toggle-play':
        options.togglePlay()
        break
      case 'skip':
        options.seek(options.getTime() + shortcut.seconds)
        break
      case 'focus-search':
        if (options.focusSearch === undefined || !options.focusSearch()) return false
        break
      case 'chapter':
        if (options.chapter === undefined || !options.chapter(shortcut.direction)) return false
        break
    }
    event.preventDefault()
    return true
  }

  /** Listens to the key presses inside `root` (they bubble up from its focusable parts). Returns the cleanup. */
  mount(root: HTMLElement): () => void {
    const onKeyDown = (event: KeyboardEvent) => {
      this.handleKeyDown(event)
    }
    root.addEventListener('keydown', onKeyDown)
    return () => root.removeEventListener('keydown', onKeyDown)
  }
}
