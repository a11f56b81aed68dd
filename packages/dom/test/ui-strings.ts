import { en, type Labels, type Locale } from '../src/labels.js'

/**
 * What a rendered player says in its own words, for the "nothing left in English" checks of both
 * renderers: every aria-label, aria-valuetext, placeholder and title, and the text of every button,
 * label, summary, legend, option, status, alert and visually hidden span, open shadow roots included.
 * The episode's own text (lines, speakers, chapter headings) is content, not UI, and is left out.
 */
export function uiStrings(root: ParentNode): string[] {
  const out: string[] = []
  const CONTENT = '.castline-line__body, .castline-line__chapter, .castline-line__speaker'
  const visit = (node: ParentNode) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (el.shadowRoot !== null) visit(el.shadowRoot)
      if (el.closest(CONTENT) !== null || el.tagName === 'STYLE' || el.tagName === 'SCRIPT') continue
      for (const name of ['aria-label', 'aria-valuetext', 'placeholder', 'title']) {
        const value = el.getAttribute(name)
        if (value !== null && value.trim() !== '') out.push(value)
      }
      const textual =
        /^(BUTTON|LABEL|SUMMARY|LEGEND|OPTION|OUTPUT|P|H\d)$/.test(el.tagName) ||
        el.getAttribute('role') === 'status' ||
        el.getAttribute('role') === 'alert' ||
        el.classList.contains('castline-visually-hidden')
      if (!textual) continue
      const copy = el.cloneNode(true) as Element
      for (const inner of Array.from(copy.querySelectorAll(CONTENT))) inner.remove()
      const text = copy.textContent?.replace(/\s+/g, ' ').trim() ?? ''
      if (text !== '') out.push(text)
    }
  }
  const shadow = (root as Partial<Element>).shadowRoot
  if (shadow != null) visit(shadow)
  visit(root)
  return out
}

/**
 * The English words of the labels that `locale` does not use itself: any of them in a player rendered
 * in `locale` is a string some renderer still writes as a literal (or an English label it forgot).
 */
export function englishOnlyWords(locale: Locale): Set<string> {
  const words = (labels: Labels) => {
    const set = new Set<string>()
    for (const value of Object.values(labels)) {
      const text = typeof value === 'function' ? (value as (...a: string[]) => string)('0', '0') : value
      for (const word of text.toLowerCase().match(/[a-zäöüß]{3,}/g) ?? []) set.add(word)
    }
    return set
  }
  const theirs = words(locale.labels)
  return new Set([...words(en.labels)].filter((w) => !theirs.has(w)))
}

/** The UI strings of `root` that hold an English-only word, each with the word: [] when all is translated. */
export function untranslated(root: ParentNode, locale: Locale): string[] {
  const english = englishOnlyWords(locale)
  return uiStrings(root).filter((text) =>
    (text.toLowerCase().match(/[a-zäöüß]{3,}/g) ?? []).some((w) => english.has(w)),
  )
}
