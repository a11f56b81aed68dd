import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../src/formats/detect.js'
import { parseTranscript } from '../src/parse.js'

const sharedUrl = (path: string): URL => new URL(`../../../../shared/${path}`, import.meta.url)
const shared = (path: string): string => readFileSync(sharedUrl(path), 'utf8')
const list = (dir: string): string[] => readdirSync(sharedUrl(dir)).map((f) => `${dir}/${f}`)

describe('detectFormat on real files', () => {
  it('knows the Talk Python episodes: .txt as text, .vtt as vtt', () => {
    const files = list('corpora/talk-python').filter((f) => /\.(txt|vtt)$/.test(f))
    expect(files.length).toBeGreaterThanOrEqual(14)
    for (const f of files)
      expect([f, detectFormat(shared(f))]).toEqual([f, f.endsWith('.txt') ? 'text' : 'vtt'])
    expect(detectFormat(shared('fixtures/talk-python-514.txt'))).toBe('text')
  })

  it('knows the Podcasting 2.0 examples in every format', () => {
    const dir = 'corpora/podcast-namespace/docs/examples/transcripts'
    expect(detectFormat(shared(`${dir}/example.json`))).toBe('json')
    expect(detectFormat(shared(`${dir}/example.srt`))).toBe('srt')
    expect(detectFormat(shared(`${dir}/example.vtt`))).toBe('vtt')
    // A bare fragment of <cite>/<time>/<p>, no <html> or <body>.
    expect(detectFormat(shared(`${dir}/example.html`))).toBe('html')
  })

  it('knows SRT files from the lenient readers’ fixtures (dot milliseconds, one-digit parts, no numbers)', () => {
    const files = [
      ...list('corpora/srt/srt-parser-2/test-file'),
      ...list('corpora/srt/subtitle.js/inline'),
      ...list('corpora/srt/subtitle.js/fixtures'),
      'corpora/srt/subsrt/sample.srt',
    ].filter((f) => f.endsWith('.srt') && !f.includes('invalid-timestamps'))
    expect(files.length).toBeGreaterThanOrEqual(12)
    for (const f of files) expect([f, detectFormat(shared(f))]).toEqual([f, 'srt'])
  })

  it('knows WhisperX JSON: an object with segments, or an array of timed words', () => {
    for (const f of list('corpora/whisper/whisperx'))
      expect([f, detectFormat(shared(f))]).toEqual([f, 'json'])
  })

  it('takes every WebVTT file the web-platform-tests load for vtt, and none of the bad signatures', () => {
    const expectations = JSON.parse(shared('corpora/wpt-webvtt/expected/expectations.json')) as Record<
      string,
      { expect: 'load' | 'error'; vtt: string }
    >
    let loaded = 0
    for (const [name, e] of Object.entries(expectations)) {
      const source = shared(`corpora/wpt-webvtt/${e.vtt}`)
      if (e.expect === 'load') {
        loaded++
        expect([name, detectFormat(source)]).toEqual([name, 'vtt'])
      } else if (name !== 'error:signature-two-boms') {
        // Two BOMs then WEBVTT looks like WebVTT; rejecting it is the reader's job, not detection's.
        expect([name, detectFormat(source)]).not.toEqual([name, 'vtt'])
      }
    }
    expect(loaded).toBe(42)
  })
})

describe('detectFormat on content', () => {
  it('tolerates a BOM and leading whitespace', () => {
    expect(detectFormat('\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nHi')).toBe('vtt')
    expect(detectFormat('\n\n  \ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n')).toBe('srt')
    expect(detectFormat('\ufeff\n\n00:00:01 Hi\n')).toBe('text')
    expect(detectFormat('  \n{"version": "1.0.0", "segments": []}')).toBe('json')
  })

  it('requires WEBVTT to stand alone on its line or before a space', () => {
    expect(detectFormat('WEBVTT')).toBe('vtt')
    expect(detectFormat('WEBVTT - Talk Python\n')).toBe('vtt')
    expect(detectFormat('WEBVTTX\n')).toBeNull()
  })

  it('reads every kind of timestamped text line', () => {
    for (const line of [
      '00:01:02 hi',
      '1:02:03 hi',
      '01:02 hi',
      '[00:01:02] hi',
      '(01:02) hi',
      '00:01:02.500 hi',
      '00:01:02 - hi',
    ]) {
      expect([line, detectFormat(`${line}\n${line}\n`)]).toEqual([line, 'text'])
    }
    // A header line, then stamped lines.
    expect(detectFormat('Talk Python To Me #514\n\n00:00:00 Every year\n00:00:07 This year\n')).toBe('text')
  })

  it('says null for what is not a transcript', () => {
    const prose =
      'Every year, the core developers of Python convene in person to focus on high-priority topics.\n' +
      'This year, they met at PyCon US 2025. We talked at 10:30 about it.\n'
    expect(detectFormat(prose)).toBeNull()
    expect(detectFormat('')).toBeNull()
    expect(detectFormat('   \n\n')).toBeNull()
    expect(detectFormat('{"name": "castline", "version": "0.1.0"}')).toBeNull()
    expect(detectFormat('<div>hello</div>')).toBeNull()
    expect(detectFormat('<?xml version="1.0"?><rss><channel><p>hi</p></channel></rss>')).toBeNull()
    // One stray clock time in a paragraph is not a timestamped transcript.
    expect(detectFormat('Meeting notes\nWe meet at\n10:30 sharp in the room\nBring snacks\n')).toBeNull()
  })

  it('says null for audio bytes, whatever the hint', () => {
    // The start of an MP3: an ID3v2 tag header, then an MPEG frame header, read as a string.
    const bytes = new Uint8Array(2048)
    bytes.set([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x23, 0x54, 0x53, 0x53, 0x45])
    bytes.set([0xff, 0xfb, 0x90, 0x64], 45)
    for (let i = 49; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff
    for (const text of [new TextDecoder('latin1').decode(bytes), new TextDecoder('utf-8').decode(bytes)]) {
      expect(detectFormat(text)).toBeNull()
      expect(detectFormat(text, { fileName: 'episode.txt', mimeType: 'text/plain' })).toBeNull()
    }
  })
})

describe('detectFormat with a hint', () => {
  it('lets clear content win over a disagreeing hint', () => {
    const srt = shared('corpora/podcast-namespace/docs/examples/transcripts/example.srt')
    expect(detectFormat(srt, { fileName: 'episode.vtt' })).toBe('srt')
    expect(detectFormat(srt, { mimeType: 'text/vtt' })).toBe('srt')
    const vtt = shared('corpora/talk-python/296-f1.vtt')
    expect(detectFormat(vtt, { fileName: 'f1.txt', mimeType: 'text/plain' })).toBe('vtt')
    expect(detectFormat(shared('fixtures/talk-python-514.txt'), { fileName: 'x.json' })).toBe('text')
  })

  it('lets the hint decide what the content leaves open', () => {
    // JSON whose keys say nothing about transcripts: the hint makes it one (the reader will object).
    const config = `{"name": "${'x'.repeat(10_000)}", "items": [{"id": 1}]}`
    expect(detectFormat(config)).toBeNull()
    expect(detectFormat(config, { fileName: 'episode.json' })).toBe('json')
    expect(detectFormat(config, { mimeType: 'application/json; charset=utf-8' })).toBe('json')
    // A timing line first with dot milliseconds: headerless WebVTT or SRT; SRT unless the hint says.
    const timing = '00:00:00.000 --> 00:00:01.000\nHello\n'
    expect(detectFormat(timing)).toBe('srt')
    expect(detectFormat(timing, { fileName: 'a.vtt' })).toBe('vtt')
    // Markup without transcript tags, or prose, named as a transcript: the reader will say what is wrong.
    expect(detectFormat('<div>hi</div>', { fileName: 'page.HTM' })).toBe('html')
    expect(detectFormat('Just words.', { fileName: 'notes.txt' })).toBe('text')
  })

  it('maps extensions and MIME types; the extension is the more specific of the two', () => {
    const open = 'Just words.'
    expect(detectFormat(open, { fileName: 'https://example.com/ep/514.srt?download=1' })).toBe('srt')
    expect(detectFormat(open, { mimeType: 'application/x-subrip' })).toBe('srt')
    expect(detectFormat(open, { mimeType: 'application/srt' })).toBe('srt')
    expect(detectFormat(open, { mimeType: 'text/html' })).toBe('html')
    expect(detectFormat(open, { mimeType: 'text/vtt' })).toBe('vtt')
    expect(detectFormat(open, { fileName: 'a.vtt', mimeType: 'text/plain' })).toBe('vtt')
    expect(detectFormat(open, { fileName: 'a.mp3' })).toBeNull()
    expect(detectFormat(open, { fileName: 'folder.json/readme' })).toBeNull()
  })
})

// OpenAI Whisper's JSON (the CLI's `--output_format json`, the API's `verbose_json`): the whole
// transcript as `text` first, then `segments`, then `language`.
function whisperJson(text: string, segments: string, before = ''): string {
  return `${before}{"text": ${JSON.stringify(text)}, "segments": ${segments}, "language": "en"}`
}
const WHISPER_SEGMENTS =
  '[{"id": 0, "seek": 0, "start": 0.0, "end": 3.2, "text": " Welcome to the show.", ' +
  '"tokens": [50364, 5027, 281, 264, 855, 13], "temperature": 0.0, "avg_logprob": -0.21, ' +
  '"compression_ratio": 1.4, "no_speech_prob": 0.01}]'

describe('detectFormat on JSON, wherever its keys sit', () => {
  it('knows Whisper JSON without a file name when its text outlasts any prefix (segments last)', () => {
    for (const length of [10, 8_192, 100_000, 2_000_000]) {
      const text = ' Welcome to the show.'.repeat(Math.ceil(length / 21)).slice(0, length)
      const source = whisperJson(text, WHISPER_SEGMENTS)
      expect([length, detectFormat(source)]).toEqual([length, 'json'])
      // The segments are read as they are: the top-level text is not a cue.
      expect(parseTranscript(source).cues.map((c) => [c.start, c.end, c.text])).toEqual([
        [0, 3.2, 'Welcome to the show.'],
      ])
    }
  })

  it('is not misled by quotes, escapes and keys inside values', () => {
    // "segments" inside the text, escaped quotes and backslashes before the real key.
    const text = 'He said \\"segments\\": [ and {"segments": [] } with a \\ and a "'
    expect(detectFormat(whisperJson(text, WHISPER_SEGMENTS))).toBe('json')
    // A "segments" key nested one level down, or not holding a list, is not a transcript's.
    expect(detectFormat(`{"text": "${'a'.repeat(9000)}", "meta": {"segments": []}}`)).toBeNull()
    expect(detectFormat(`{"text": "${'a'.repeat(9000)}", "segments": "none"}`)).toBeNull()
    expect(detectFormat(`{"text": "${'a'.repeat(9000)}", "note": "\\"segments\\": ["}`)).toBeNull()
    // Truncated before the key, or a string that never closes: not a transcript without a hint.
    expect(detectFormat(`{"text": "${'a'.repeat(9000)}`)).toBeNull()
    expect(detectFormat(`{"text": "${'a'.repeat(9000)}", "segm`)).toBeNull()
  })

  it('knows a list of segments whose first element has a long text before its times', () => {
    const long = `[{"text": ${JSON.stringify('word '.repeat(3000))}, "start": 0, "end": 9}]`
    expect(detectFormat(long)).toBe('json')
    // WhisperX leaves digits untimed: the first element may have a word and no time.
    expect(detectFormat('[{"word": "2266"}, {"word": "okay,", "start": 1, "end": 2}]')).toBe('json')
    // A time in one element and a text in another do not make a segment.
    expect(detectFormat('[{"start": 1}, {"text": "x"}]')).toBeNull()
  })
})

describe('detectFormat reads a bounded prefix', () => {
  it('decides from the start of a huge input and never reads on past the prefix', () => {
    const huge = `WEBVTT\n\n${'00:00:01.000 --> 00:00:02.000\nA line of text.\n\n'.repeat(400_000)}`
    expect(huge.length).toBeGreaterThan(18_000_000)
    expect(detectFormat(huge)).toBe('vtt')
    // A timestamp first seen after the prefix does not count: detection never reads that far.
    const late = `${'Plain prose without any time in it at all.\n'.repeat(2000)}00:00:01 hi\n00:00:02 ho\n`
    expect(detectFormat(late)).toBeNull()
  })
})
