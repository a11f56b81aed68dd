/** Transcript speakers matched to the feed's `podcast:person`s, for names, pictures and links. */
import type { Person } from './feed.js'

/** A name folded for comparison: accents stripped (NFD, marks removed), case and white space ignored. */
function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim()
}

/**
 * Matches each speaker label of a transcript to a person by name, ignoring case and accents
 * ("Jose Garcia" is "José García"). `aliases` maps labels that are no names (`SPEAKER_1`) to a person's
 * name. Returns every speaker as a key: its person, or null when none matches.
 */
export function matchSpeakers(
  speakers: readonly string[],
  persons: readonly Person[],
  aliases: Readonly<Record<string, string>> = {},
): Map<string, Person | null> {
  const byName = new Map<string, Person>()
  for (const person of persons) {
    const key = foldName(person.name)
    if (!byName.has(key)) byName.set(key, person)
  }
  const folded = new Map<string, string>()
  for (const [label, name] of Object.entries(aliases)) folded.set(foldName(label), name)
  const out = new Map<string, Person | null>()
  for (const speaker of speakers) {
    const alias = Object.hasOwn(aliases, speaker) ? aliases[speaker] : folded.get(foldName(speaker))
    out.set(speaker, byName.get(foldName(alias ?? speaker)) ?? null)
  }
  return out
}
