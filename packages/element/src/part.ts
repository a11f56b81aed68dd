import { LabelTexts } from './html.js'
import { type CastlineSession, sessionFor } from './session.js'
import { adoptStyles } from './styles.js'

/**
 * What every Castline element shares: an open shadow root with the elements' style sheet, and the
 * session it shows. A part inside `<castline-player>` is handed the player's session (the `session`
 * property); on its own it uses the session of the page's `<audio>` or `<video>` named by `for="id"`,
 * and receives that session's events itself.
 */
export abstract class CastlinePart extends HTMLElement {
  static observedAttributes: string[] = ['for']
  /** The shadow root (open, so that tests and tools can reach in; parts are styled with `::part`). */
  protected readonly root: ShadowRoot
  /** The part's texts from the labels, written again when its session's locale changes. */
  protected readonly texts = new LabelTexts()
  private given: CastlineSession | null = null
  private bound: CastlineSession | null = null
  private cleanup: (() => void) | null = null
  private waiting: (() => void) | null = null

  constructor() {
    super()
    this.root = this.attachShadow({ mode: 'open' })
    adoptStyles(this.root)
  }

  /** The session shown: the one handed over, else that of the `for` media element once found. */
  get session(): CastlineSession | null {
    return this.bound
  }

  /** Hands the part a session (what `<castline-player>` does for its own parts); null goes back to `for`. */
  set session(session: CastlineSession | null) {
    this.given = session
    if (this.isConnected) this.attach()
  }

  connectedCallback(): void {
    upgradeProperties(this, ['session', 'transcript', 'peaks', 'persons', 'speakers'])
    this.attach()
  }

  disconnectedCallback(): void {
    this.detach()
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return
    if (name === 'for') this.attach()
    else this.attributeChanged(name)
  }

  /** An observed attribute other than `for` changed while connected. */
  protected attributeChanged(_name: string): void {}

  /** Shows `session`; returns the cleanup. */
  protected abstract show(session: CastlineSession): () => void

  /** The session's locale changed: texts written while rendering (not bound in `texts`) are written again. */
  protected relabel(_session: CastlineSession): void {}

  /** Shows that no media element is bound (a `for` that names nothing, or no `for`). */
  protected abstract showUnbound(): void

  private attach(): void {
    this.detach()
    const session = this.given ?? this.resolveFor()
    if (session === null) {
      this.showUnbound()
      // A `for` naming an element later in the page: look again once the page is parsed.
      if (this.given === null && this.ownerDocument.readyState === 'loading') {
        const retry = () => {
          this.waiting = null
          if (this.isConnected && this.bound === null) this.attach()
        }
        this.ownerDocument.addEventListener('DOMContentLoaded', retry, { once: true })
        this.waiting = () => this.ownerDocument.removeEventListener('DOMContentLoaded', retry)
      }
      return
    }
    this.bound = session
    const release = session.use()
    const own = this.given === null
    if (own) session.hosts.add(this)
    this.texts.apply(session.locale)
    const hide = this.show(session)
    const offLocale = session.on('locale', () => {
      this.texts.apply(session.locale)
      this.relabel(session)
    })
    this.cleanup = () => {
      offLocale()
      hide()
      if (own) session.hosts.delete(this)
      release()
    }
  }

  private detach(): void {
    this.waiting?.()
    this.waiting = null
    this.cleanup?.()
    this.cleanup = null
    this.bound = null
  }

  private resolveFor(): CastlineSession | null {
    const id = this.getAttribute('for')
    if (id === null || id === '') return null
    const root = this.getRootNode() as Document | ShadowRoot
    const media = root.getElementById?.(id) ?? this.ownerDocument.getElementById(id)
    return media instanceof HTMLMediaElement ? sessionFor(media) : null
  }
}

/** A number attribute: finite, else undefined. */
export function numberAttribute(el: Element, name: string): number | undefined {
  const raw = el.getAttribute(name)
  if (raw === null || raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : undefined
}

/**
 * Properties a page set on the element before its class was defined (a script that ran before
 * castline.js) are own properties that hide the class's accessors: delete each and set it again through
 * the accessor.
 */
export function upgradeProperties(el: HTMLElement, names: readonly string[]): void {
  for (const name of names) {
    if (!Object.hasOwn(el, name)) continue
    const value = (el as unknown as Record<string, unknown>)[name]
    delete (el as unknown as Record<string, unknown>)[name]
    ;(el as unknown as Record<string, unknown>)[name] = value
  }
}
