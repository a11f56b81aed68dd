/**
 * What the take-away and language tests of every renderer share: a short dialogue with speakers and
 * markup, the check that a downloaded file reads back as the same cues, and the sample excerpt in
 * English, German and Arabic (the translations are made for the demo: SOURCE.md).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Transcript } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import { expect } from 'vitest'
import type { TranscriptChoice } from '../src/index.js'

/** Three lines, two speakers, markup and an ampersand in the text. */
export const DIALOGUE: Transcript = parseTranscript(
  'WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Hello <b>there</b> & welcome\n\n00:02.000 --> 00:04.500\n<v Ann>Still me\n\n00:04.500 --> 00:07.250\n<v Bo>My turn\n',
)

/** Seconds to whole milliseconds, every format's precision. */
export const ms = (seconds: number): number => Math.round(seconds * 1000)

/**
 * `file` (a download's text) read with `parseTranscript` holds `source`'s cues: start, end, text and
 * speaker to the millisecond; for the text format, which has no end times (its reader infers them),
 * start, text and speaker.
 */
export function expectSameCues(file: string, source: Transcript, format: string): void {
  const back = parseTranscript(file)
  if (format === 'text') {
    expect(back.cues.map((c) => [ms(c.start), c.text, c.speaker])).toEqual(
      source.cues.map((c) => [ms(c.start), c.text, c.speaker]),
    )
    return
  }
  const cues = (t: Transcript) => t.cues.map((c) => [ms(c.start), ms(c.end), c.text, c.speaker])
  expect(cues(back)).toEqual(cues(source))
}

/** A file of the sample episode (apps/demo/public/episodes/talk-python-514), as text. */
export function sampleText(name: string): string {
  // jsdom gives import.meta.url an http scheme: resolve from this file's directory instead.
  return readFileSync(
    resolve(import.meta.dirname, '../../../apps/demo/public/episodes/talk-python-514/', name),
    'utf8',
  )
}

/** The excerpt in English, German and Arabic, as a player's `transcripts`. */
export function excerptChoices(): TranscriptChoice[] {
  return [
    { transcript: sampleText('excerpt.txt'), language: 'en' },
    { transcript: sampleText('excerpt.de.txt'), language: 'de' },
    { transcript: sampleText('excerpt.ar.txt'), language: 'ar' },
  ]
}
