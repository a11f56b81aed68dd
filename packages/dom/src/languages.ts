import type { Transcript } from '@castline/core'
import { defaultLocale, type LocaleText } from './labels.js'

/**
 * Several transcripts of one episode (languages): what a player is given, each language's own name, its
 * writing direction, and the listener's choice kept in `localStorage`. Shared by both renderers'
 * language pickers.
 */

/**
 * One transcript a player may show. `src` (or `url`, as core's feed `FeedTranscript` and
 * `pickTranscripts` give it) is fetched; `transcript` is parsed or text. `language` is a BCP 47 tag
 * (`de`, `ar`, `pt-BR`); `label` replaces the language's own name in the picker; `type` is the MIME type.
 */
export interface TranscriptChoice {
  src?: string | undefined
  url?: string | undefined
  transcript?: Transcript | string | undefined
  language?: string | undefined
  label?: string | undefined
  type?: string | undefined
}

/** The `localStorage` key under which the chosen transcript language is kept (a BCP 47 tag). */
export const LANGUAGE_STORAGE_KEY = 'castline:transcript-language'

/** Languages written right to left, for browsers without `Intl.Locale`'s text info. */
const RTL = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'ha-arab',
  'he',
  'iw',
  'ks',
  'ku-arab',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
])

/** `ltr` or `rtl` for a language tag: `Intl.Locale`'s text info where the browser has it, else a list. */
export function textDirection(language: string | undefined): 'ltr' | 'rtl' {
  if (language === undefined || language === '') return 'ltr'
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      getTextInfo?: () => { direction?: string }
      textInfo?: { direction?: string }
    }
    const info = locale.getTextInfo?.() ?? locale.textInfo
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction
    const script = locale.maximize().script
    if (script !== undefined)
      return ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg'].includes(script) ? 'rtl' : 'ltr'
  } catch {
    // Not a well-formed tag: the list below decides.
  }
  const lower = language.toLowerCase()
  return RTL.has(lower) || RTL.has(lower.split(/[-_]/)[0]!) ? 'rtl' : 'ltr'
}

/** A language's name in that language ("Deutsch", "العربية"), capitalized; the tag itself when unknown. */
export function languageName(language: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language)
    if (name !== undefined && name !== '') return name.charAt(0).toLocaleUpperCase(language) + name.slice(1)
  } catch {
    // An ill-formed tag, or no Intl.DisplayNames: the tag.
  }
  return language
}

/** What the picker shows for a choice: its label, else its language's own name, else "Transcript n". */
export function choiceLabel(
  choice: TranscriptChoice,
  index: number,
  locale: LocaleText = defaultLocale(),
): string {
  if (choice.label !== undefined && choice.label !== '') return choice.label
  if (choice.language !== undefined && choice.language !== '') return languageName(choice.language)
  return locale.labels.transcriptNumber(locale.format.number(index + 1))
}

/** The language kept from an earlier visit, or null (none kept, or storage not reachable: ignored). */
export function storedLanguage(storage?: Pick<Storage, 'getItem'> | null): string | null {
  try {
    return (storage ?? globalThis.localStorage)?.getItem(LANGUAGE_STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

/** Keeps the chosen language for the next visit; a storage that refuses (private mode, full, blocked) is ignored. */
export function storeLanguage(language: string, storage?: Pick<Storage, 'setItem'> | null): void {
  try {
    ;(storage ?? globalThis.localStorage)?.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // Not kept: the choice still holds for this page.
  }
}

/**
 * Which choice to show first: the kept language when one matches (exactly, else by its primary
 * subtag), else `preferred` (the page's or the browser's languages, in order) the same way, else the first.
 */
export function initialChoice(
  choices: readonly TranscriptChoice[],
  kept: string | null,
  preferred: readonly string[] = [],
): number {
  const find = (tag: string): number => {
    const lower = tag.toLowerCase()
    const exact = choices.findIndex((c) => c.language?.toLowerCase() === lower)
    if (exact >= 0) return exact
    const primary = lower.split('-')[0]
    return choices.findIndex((c) => c.language?.toLowerCase().split('-')[0] === primary)
  }
  for (const tag of kept === null ? preferred : [kept, ...preferred]) {
    const at = find(tag)
    if (at >= 0) return at
  }
  return 0
}
