/**
 * Element building without markup strings: every text goes in as a text node (`textContent`), so a
 * transcript line, a title or an error message is shown as written and never parsed as HTML.
 */

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
  name: string,
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
