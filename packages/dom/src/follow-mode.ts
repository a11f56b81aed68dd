import { type FollowEvent, followTransition } from './follow.js'

/** Options of a `FollowMode`. `setOptions` replaces them; an omitted optional one is unset. */
export interface FollowModeOptions {
  /** Controlled follow mode: the owner keeps the state and passes it back; undefined leaves it to the mode. */
  following?: boolean | undefined
  /** The initial state while uncontrolled (default true); read once, by the constructor. */
  defaultFollowing?: boolean | undefined
  /** Told about every change the mode asks for, controlled or not, once per change. */
  onFollowChange?: ((following: boolean) => void) | undefined
  /** Re-attach this many milliseconds after the user's last scroll or navigation; off when omitted. */
  resumeAfterMs?: number | undefined
}

/**
 * Follow mode as a small store: the state machine of `followTransition` fed by named events, and the
 * resume timer. Controllable as Radix's `useControllableState` is: with `following` set, `dispatch` only
 * asks (`onFollowChange`) and the state moves when the owner passes the new value.
 */
export class FollowMode {
  /** The options in force. */
  options: FollowModeOptions
  private internal: boolean
  /** The value last asked for: a second event in the same tick sees it, and does not notify twice. */
  private requested: boolean
  private readonly listeners = new Set<(following: boolean) => void>()
  private timer: ReturnType<typeof setTimeout> | null = null
  /** The state subscribers were last told: a change undone before its microtask tells nobody. */
  private emitted: boolean

  constructor(options: FollowModeOptions = {}) {
    this.options = {}
    this.internal = options.defaultFollowing ?? true
    this.requested = options.following ?? this.internal
    this.setOptions(options)
    this.emitted = this.getSnapshot()
  }

  /**
   * Replaces the options (call it on every render). A new controlled value notifies subscribers in a
   * microtask, never from inside this call, so calling it during render is safe.
   */
  setOptions(options: FollowModeOptions): void {
    const before = this.getSnapshot()
    const next: FollowModeOptions = {}
    if (options.following !== undefined) next.following = options.following
    if (options.onFollowChange !== undefined) next.onFollowChange = options.onFollowChange
    if (options.resumeAfterMs !== undefined) next.resumeAfterMs = options.resumeAfterMs
    this.options = next
    this.requested = this.getSnapshot()
    if (this.getSnapshot() !== before) queueMicrotask(() => this.emit())
  }

  /** Whether the transcript follows the audio now. */
  getSnapshot = (): boolean => this.options.following ?? this.internal

  /** Listens for changes of the state. Returns the unsubscribe. */
  subscribe = (listener: (following: boolean) => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /**
   * Feeds the state machine. A user scroll or a navigation (re)starts the resume timer, so that it
   * measures quiet time rather than time since detaching; any other event cancels it.
   */
  dispatch = (event: FollowEvent): void => {
    this.clearTimer()
    this.request(followTransition(this.requested ? 'following' : 'detached', event) === 'following')
    const delay = this.options.resumeAfterMs
    if ((event.type === 'user-scroll' || event.type === 'navigate') && delay !== undefined && delay >= 0) {
      this.timer = setTimeout(() => {
        this.timer = null
        this.request(
          followTransition(this.requested ? 'following' : 'detached', { type: 'resume' }) === 'following',
        )
      }, delay)
    }
  }

  /** Cancels the resume timer. The mode stays usable. */
  destroy(): void {
    this.clearTimer()
  }

  private request(next: boolean): void {
    if (next === this.requested) return
    this.requested = next
    if (this.options.following === undefined) {
      this.internal = next
      this.emit()
    }
    this.options.onFollowChange?.(next)
  }

  private clearTimer(): void {
    if (this.timer === null) return
    clearTimeout(this.timer)
    this.timer = null
  }

  private emit(): void {
    const value = this.getSnapshot()
    if (value === this.emitted) return
    this.emitted = value
    for (const listener of [...this.listeners]) listener(value)
  }
}
