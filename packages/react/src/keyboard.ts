import { type KeyboardEvent as ReactKeyboardEvent, useCallback } from 'react'
import { useCastline } from './hooks.js'

/** What a player shortcut can ask for. */
export type PlayerShortcut =
  | { type: 'toggle-play' }
  /** Seek by `seconds` from the current position (negative: back). */
  | { type: 'skip'; seconds: number }
  | { type: 'focus-search' }

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
 * a select, the transcript list, which marks its arrows handled); `/` focuses search. A handler that
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
    default:
      return null
  }
}

/**
 * The player's keyboard shortcuts as a keydown handler for the element that wraps the player's parts
 * (`<TranscriptPlayer>` puts it on its root; a custom layout puts it on its own container). Handled keys
 * are `preventDefault`ed so the page does not also scroll.
 */
export function usePlayerShortcuts(): (event: ReactKeyboardEvent) => void {
  const { controller, seekTo, togglePlay, focusSearch } = useCastline()
  return useCallback(
    (event: ReactKeyboardEvent) => {
      const shortcut = playerShortcutFor(event)
      if (shortcut === null) return
      switch (shortcut.type) {
        case 'toggle-play':
          togglePlay()
          break
        case 'skip':
          seekTo(controller.getTime() + shortcut.seconds)
          break
        case 'focus-search':
          // Without a search field, `/` stays an ordinary key.
          if (!focusSearch()) return
          break
      }
      event.preventDefault()
    },
    [controller, seekTo, togglePlay, focusSearch],
  )
}
