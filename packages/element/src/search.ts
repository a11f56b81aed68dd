import { matchCountText } from '@castline/dom'
import { h, setText } from './html.js'
import { CastlinePart } from './part.js'
import type { CastlineSession } from './session.js'

export { matchCountText } from '@castline/dom'

/**
 * `<castline-search>`: search over the whole transcript (find-in-page cannot see the lines a virtualized
 * list has not rendered). Typing moves to the first match at or after the spoken line; Enter and
 * Shift+Enter, or the buttons, step through the matches (each scrolled to, which detaches follow mode);
 * Escape clears. Attributes: `for`, `label` (the field's name, default "Search transcript"), `placeholder`.
 */
export class CastlineSearchElement extends CastlinePart {
  static override observedAttributes = ['for', 'label', 'placeholder']
  private readonly input: HTMLInputElement
  private readonly count: HTMLSpanElement
  private readonly previous: HTMLButtonElement
  private readonly next: HTMLButtonElement

  constructor() {
    super()
    const doc = this.ownerDocument
    this.input = h(doc, 'input', {
      type: 'search',
      class: 'castline-search__input',
      part: 'search-input',
      'aria-describedby': 'castline-count',
      autocomplete: 'off',
      spellcheck: 'false',
    })
    this.count = h(doc, 'span', {
      id: 'castline-count',
      class: 'castline-search__count',
      part: 'search-count',
      role: 'status',
    })
    const button = (icon: string, name: Node) =>
      h(
        doc,
        'button',
        { type: 'button', class: 'castline-search__button', part: 'search-button', disabled: true },
        h(doc, 'span', { 'aria-hidden': 'true' }, icon),
        h(doc, 'span', { class: 'castline-visually-hidden' }, name),
      )
    this.previous = button(
      '\u2191',
      this.texts.text(doc, (l) => l.previousMatch),
    )
    this.next = button(
      '\u2193',
      this.texts.text(doc, (l) => l.nextMatch),
    )
    this.root.append(
      h(
        doc,
        'div',
        { class: 'castline castline-search', part: 'search', role: 'search' },
        this.input,
        this.count,
        this.previous,
        this.next,
      ),
    )
    this.labelInput()
  }

  /** Focuses the field and selects its text (the player's `/` shortcut). */
  override focus(options?: FocusOptions): void {
    this.input.focus(options)
    this.input.select()
  }

  protected override attributeChanged(): void {
    this.labelInput()
  }

  protected override relabel(session: CastlineSession): void {
    this.labelInput()
    this.update(session)
  }

  private labelInput(): void {
    const { search } = this.texts.locale.labels
    this.input.setAttribute('aria-label', this.getAttribute('label') ?? search)
    this.input.placeholder = this.getAttribute('placeholder') ?? search
  }

  private update(session: CastlineSession): void {
    const { query, matches, current } = session.search
    if (this.input.value !== query) this.input.value = query
    setText(this.count, matchCountText(query, current, matches.length, session.locale))
    this.previous.disabled = matches.length === 0
    this.next.disabled = matches.length === 0
  }

  protected override showUnbound(): void {
    this.input.disabled = true
  }

  protected override show(session: CastlineSession): () => void {
    this.input.disabled = false
    session.searchInput = this.input
    this.labelInput()
    const update = () => this.update(session)
    const onInput = () => session.setQuery(this.input.value)
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault()
        session.step(e.shiftKey ? -1 : 1)
      } else if (e.key === 'Escape') {
        // Clearing an empty field leaves Escape to whoever else wants it.
        if (this.input.value === '') return
        e.preventDefault()
        e.stopPropagation()
        session.setQuery('')
      }
    }
    const onPrevious = () => session.step(-1)
    const onNext = () => session.step(1)
    this.input.addEventListener('input', onInput)
    this.input.addEventListener('keydown', onKeyDown)
    this.previous.addEventListener('click', onPrevious)
    this.next.addEventListener('click', onNext)
    const off = session.on('search', update)
    update()
    return () => {
      off()
      if (session.searchInput === this.input) session.searchInput = null
      this.input.removeEventListener('input', onInput)
      this.input.removeEventListener('keydown', onKeyDown)
      this.previous.removeEventListener('click', onPrevious)
      this.next.removeEventListener('click', onNext)
    }
  }
}
