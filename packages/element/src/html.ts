/**
 * Element building without markup strings: every text goes in as a text node (`textContent`), so a
 * transcript line, a title or an error message is shown as written and never parsed as HTML.
 */

import { defaultLocale, type Labels, type LocaleFormat, type LocaleText } from '@castline/dom'

/** Attributes of `h`: strings (or numbers) set with `setAttribute`; null or false leaves one out. */
export type Attributes = Record<string, string | number | boolean | null | undefined>

/** Creates `tag` in `doc` with `attributes` and `children` (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) {
    if (child === null) continue
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child)
  }
  return el
}

/** Sets an attribute, or removes it for null. */
export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name)
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value)
}

/** Sets `el`'s text (a text node) when it differs. */
export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text
}

/** A button whose name is visually hidden text beside an icon (`aria-hidden`). */
export function iconButton(
  doc: Document,
  className: string,
  part: string,
  icon: string | Node,
  name: string | Node,
) {
  const label = h(doc, 'span', { class: 'castline-visually-hidden' }, name)
  const button = h(
    doc,
    'button',
    { type: 'button', class: className, part },
    h(doc, 'span', { 'aria-hidden': 'true' }, icon),
    label,
  )
  return { button, label }
}

/**
 * The texts of a part that come from the labels: each bound once where the part is built and written
 * again by `apply` when the session's locale changes (a player's `lang` or `labels`).
 */
export class LabelTexts {
  private readonly writes: ((locale: LocaleText) => void)[] = []
  /** The locale last applied (English until the part is shown). */
  locale: LocaleText = defaultLocale()

  /** A text node that shows `pick` of the locale. */
  text(doc: Document, pick: (labels: Labels, format: LocaleFormat) => string): Text {
    const node = doc.createTextNode(pick(this.locale.labels, this.locale.format))
    this.writes.push((l) => setText(node, pick(l.labels, l.format)))
    return node
  }

  /** Sets `el`'s attribute `name` to `pick` of the locale, now and on each change; returns `el`. */
  attr<E extends Element>(el: E, name: string, pick: (labels: Labels, format: LocaleFormat) => string): E {
    const write = (l: LocaleText) => setAttr(el, name, pick(l.labels, l.format))
    write(this.locale)
    this.writes.push(write)
    return el
  }

  /** Writes every bound text in `locale`. */
  apply(locale: LocaleText): void {
    if (locale === this.locale) return
    this.locale = locale
    for (const write of this.writes) write(locale)
  }
}
