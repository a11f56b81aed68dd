import { ar } from '@castline/dom/locales/ar'
import { de } from '@castline/dom/locales/de'

/** The locales a `lang` attribute picks from besides English: the elements ship them (see docs/embed.md). */
export const LOCALES = [de, ar] as const

/** The language of `el`: its nearest `lang` attribute, itself included (the HTML way); undefined without one. */
export function langOf(el: Element): string | undefined {
  return el.closest('[lang]')?.getAttribute('lang') ?? undefined
}
