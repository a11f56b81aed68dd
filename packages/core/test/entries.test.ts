/**
 * The package's entry points (package.json `exports`): each exports what it should, the root entry holds
 * no format code, and each single-format reader gives what `parseTranscript` gives for that format.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as chapters from '../src/entry/chapters.js'
import * as feed from '../src/entry/feed.js'
import * as formats from '../src/entry/formats.js'
import * as html from '../src/entry/html.js'
import * as json from '../src/entry/json.js'
import * as links from '../src/entry/links.js'
import * as peaks from '../src/entry/peaks.js'
import * as srt from '../src/entry/srt.js'
import * as text from '../src/entry/text.js'
import * as vtt from '../src/entry/vtt.js'
import * as root from '../src/index.js'
import type { Transcript, TranscriptFormat } from '../src/model.js'

const corpus = (p: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../shared/corpora/${p}`, import.meta.url)), 'utf8')
const examples = 'podcast-namespace/docs/examples/transcripts/'

const names = (module: object) => Object.keys(module).sort()

describe('entry points', () => {
  it('the root entry holds the model, time, index, sync, sources and search, and no format code', () => {
    expect(names(root)).toEqual(
      [
        'SLICE_BUDGET',
        'SyncController',
        'TRANSCRIPT_FORMATS',
        'TranscriptParseError',
        'buildTimeIndex',
        'createManualSource',
        'createMediaElementSource',
        'createTimeIndex',
        'formatTimestamp',
        'lastStartingBy',
        'parseTimestamp',
        'inRuns',
        'runInSlices',
        'searchTranscript',
        'slicedBuild',
      ].sort(),
    )
  })

  it('the root entry module graph imports no reader, writer or detection', () => {
    // Walk the root's relative imports in the sources: none reaches a reader, writer, parse.ts, read.ts or peaks.ts.
    const src = new URL('../src/', import.meta.url)
    const seen = new Set<string>()
    const walk = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(new URL(file, src), 'utf8')
      for (const m of code.matchAll(/from '(\.[^']+)\.js'/g)) {
        walk(new URL(`${m[1]}.ts`, new URL(file, src)).href.slice(src.href.length))
      }
    }
    walk('index.ts')
    const reached = [...seen].filter((f) => /^(formats\/|parse\.ts|read\.ts|normalize\.ts|peaks\.ts)/.test(f))
    // Types, and the lexer's clock scanner that `parseTimestamp` shares with the readers.
    expect(reached.filter((f) => f !== 'formats/types.ts' && f !== 'formats/lex.ts')).toEqual([])
  })

  it('@castline/core/formats reads and writes every format, with detection, and decodes bytes', () => {
    expect(names(formats)).toEqual([
      'decodeTranscript',
      'detectFormat',
      'formatTranscript',
      'parseTranscript',
    ])
  })

  it('each single-format entry exports its reader and writer', () => {
    expect(names(vtt)).toEqual(['formatVtt', 'parseVtt'])
    expect(names(srt)).toEqual(['formatSrt', 'parseSrt'])
    expect(names(json)).toEqual(['formatPodcastJson', 'parsePodcastJson'])
    expect(names(html)).toEqual(['formatPodcastHtml', 'parsePodcastHtml'])
    expect(names(text)).toEqual(['formatText', 'parseText'])
    expect(names(peaks)).toEqual(['PeaksParseError', 'loudnessEnvelope', 'parsePeaks'])
  })

  it('@castline/core/links has the quote links and the ad time map', () => {
    expect(names(links)).toEqual([
      'AdBreakError',
      'createAdTimeMap',
      'formatQuoteLink',
      'locateQuote',
      'parseQuoteLink',
    ])
  })

  it('@castline/core/chapters reads and writes chapters JSON and WebVTT chapters', () => {
    expect(names(chapters)).toEqual([
      'ChaptersParseError',
      'chapterAt',
      'formatChaptersJson',
      'formatChaptersVtt',
      'listedChapters',
      'parseChaptersJson',
      'parseChaptersVtt',
    ])
  })

  it('@castline/core/feed reads feeds, picks and loads transcripts, and matches speakers', () => {
    expect(names(feed)).toEqual([
      'FeedParseError',
      'findEpisode',
      'loadTranscript',
      'matchSpeakers',
      'pickTranscripts',
      'readFeed',
    ])
  })

  const cases: Array<{
    format: TranscriptFormat
    file: string
    parse: (source: string, options?: { duration?: number }) => Transcript
    write: (transcript: Transcript) => string
  }> = [
    {
      format: 'vtt',
      file: 'talk-python/100-guido-van-rossum.vtt',
      parse: vtt.parseVtt,
      write: vtt.formatVtt,
    },
    { format: 'srt', file: 'srt/subsrt/sample.srt', parse: srt.parseSrt, write: srt.formatSrt },
    {
      format: 'json',
      file: `${examples}example.json`,
      parse: json.parsePodcastJson,
      write: json.formatPodcastJson,
    },
    {
      format: 'html',
      file: `${examples}example.html`,
      parse: html.parsePodcastHtml,
      write: html.formatPodcastHtml,
    },
    {
      format: 'text',
      file: 'talk-python/100-guido-van-rossum.txt',
      parse: text.parseText,
      write: text.formatText,
    },
  ]

  for (const { format, file, parse, write } of cases) {
    it(`${format}: the single-format entry reads and writes ${file} as parseTranscript and formatTranscript do`, () => {
      const source = corpus(file)
      const expected = formats.parseTranscript(source, { format })
      expect(expected.cues.length).toBeGreaterThan(1)
      expect(parse(source)).toEqual(expected)
      expect(parse(source, { duration: 7200 })).toEqual(
        formats.parseTranscript(source, { format, duration: 7200 }),
      )
      expect(write(expected)).toBe(formats.formatTranscript(expected, format))
    })
  }

  it('single-format readers reject what is not a string or not their format, as parseTranscript does', () => {
    expect(() => vtt.parseVtt(42 as unknown as string)).toThrow(root.TranscriptParseError)
    expect(() => vtt.parseVtt('not a webvtt file')).toThrow(root.TranscriptParseError)
    expect(() => vtt.parseVtt('not a webvtt file')).toThrow(
      expect.objectContaining({ format: 'vtt', line: 1 }),
    )
    expect(() => formats.parseTranscript('not a webvtt file', { format: 'vtt' })).toThrow(
      expect.objectContaining({ format: 'vtt', line: 1 }),
    )
  })
})
