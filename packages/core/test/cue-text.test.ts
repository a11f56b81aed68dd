import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readCueText } from '../src/formats/cue-text.js'
import { readVttPayloads } from '../src/formats/webvtt.js'
import type { Cue, Word } from '../src/model.js'
import { collapseWhitespace } from '../src/text.js'
import { parseTimestamp } from '../src/time.js'

const corpora = (path: string): string =>
  fileURLToPath(new URL(`../../../../shared/corpora/${path}`, import.meta.url))

function read(payload: string, start = 1, end = 4): Cue {
  const cue: Cue = { start, end, text: '' }
  readCueText(cue, payload)
  return cue
}

describe('wpt cue-text parsing (fasrt-json)', () => {
  // Each case is the payload of one cue in a file (wpt builds a .vtt around it), so it goes through
  // readVtt: a blank line inside it ends the cue, NUL becomes U+FFFD, as in the browser.
  const dir = corpora('wpt-webvtt/cue-text-parsing/fasrt-json/')
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  const cases = files.flatMap((file) =>
    (JSON.parse(readFileSync(dir + file, 'utf8')) as Array<{ text: string; expectedTree: string }>).map(
      (c, i) => [`${file} #${i} ${JSON.stringify(c.text)}`, c.text, c.expectedTree] as const,
    ),
  )
  const END = 999 * 3600

  it('has the 77 cases of the five .dat files', () => {
    expect(cases.length).toBe(77)
  })

  it.each(cases)('%s', (_name, text, tree) => {
    // The case is the payload of one cue (the trailing LF of the .dat format is not part of it).
    const source = `WEBVTT\n\n00:00:00.000 --> 999:00:00.000\n${text.slice(0, -1)}`
    const { cues } = readVttPayloads(source)
    expect(cues.length).toBe(1)
    const cue = { ...cues[0]!, text: '' }
    readCueText(cue, cues[0]!.text)
    const expected = fromTree(tree, END)
    expect(cue.text).toBe(expected.text)
    expect(cue.speaker).toBe(expected.speaker)
    expect(cue.words).toEqual(expected.words)
  })
})

/**
 * What a transcript should read from a wpt cue-text DOM dump: the text nodes in order (an <rt>'s text in
 * parentheses after its base, nothing when blank), the first non-empty voice title, and the text between
 * timestamp nodes as words.
 */
function fromTree(tree: string, end: number): { text: string; speaker?: string; words?: Word[] } {
  const entries: string[] = []
  for (const line of tree.split('\n')) {
    if (line.startsWith('| ')) entries.push(line.slice(2))
    else if (entries.length > 0 && line !== '') entries[entries.length - 1] += `\n${line}`
  }
  let out = ''
  const open: Array<{ depth: number; rt: boolean; at: number }> = []
  const cuts: number[] = []
  const times: number[] = []
  let speaker: string | undefined
  let lastTag = ''
  const close = (depth: number) => {
    while (open.length > 0 && (open[open.length - 1] as { depth: number }).depth >= depth) {
      const el = open.pop() as { rt: boolean; at: number }
      if (!el.rt) continue
      if (out.slice(el.at + 1).trim() === '') out = out.slice(0, el.at) + out.slice(el.at + 1)
      else out += ')'
    }
  }
  for (const entry of entries) {
    const depth = entry.length - entry.trimStart().length
    const body = entry.trimStart()
    if (body.startsWith('"')) {
      close(depth)
      out += body.slice(1, -1)
    } else if (body.startsWith('<?timestamp ')) {
      close(depth)
      cuts.push(out.length)
      times.push(parseTimestamp(body.slice('<?timestamp '.length, -1)))
    } else if (body.startsWith('<')) {
      close(depth)
      lastTag = body
      const rt = body === '<rt>'
      open.push({ depth, rt, at: out.length })
      if (rt) out += '('
    } else if (body.startsWith('title="') && lastTag === '<span>' && speaker === undefined) {
      const title = body.slice(7, -1)
      if (title !== '') speaker = title
    }
  }
  close(0)
  const result: { text: string; speaker?: string; words?: Word[] } = { text: collapseWhitespace(out) }
  if (speaker !== undefined) result.speaker = speaker
  const words: Word[] = []
  for (let k = 0; k <= cuts.length && cuts.length > 0; k++) {
    const text = collapseWhitespace(
      out.slice(k === 0 ? 0 : cuts[k - 1], k < cuts.length ? cuts[k] : out.length),
    )
    const start = k === 0 ? 0 : (times[k - 1] as number)
    if (text !== '') words.push({ start, end: k < times.length ? (times[k] as number) : end, text })
  }
  if (words.length > 0) result.words = words
  return result
}

describe('readCueText', () => {
  it('gives the first voice as the speaker and strips every span', () => {
    const cue = read(
      '<v.loud Esme Weatherwax>It&apos;s <i>not</i> <b>my</b> <u>fault</u></v>\n' +
        '<v Nanny>Is <c.yellow>it</c> <lang fr>vraiment</lang>?',
    )
    expect([cue.speaker, cue.text]).toEqual(['Esme Weatherwax', "It's not my fault Is it vraiment?"])
    const anonymous = read('<v>anonymous</v> <v Magrat>then Magrat')
    expect([anonymous.speaker, anonymous.text]).toEqual(['Magrat', 'anonymous then Magrat'])
  })

  it('reads each name afresh when names alternate', () => {
    const payloads = ['<v Anna>one', '<v Bert>two', '<v Anna>three', 'four', '<v Anna >five', '<v  >six']
    expect(payloads.map((p) => read(p).speaker)).toEqual([
      'Anna',
      'Bert',
      'Anna',
      undefined,
      'Anna',
      undefined,
    ])
  })

  it('decodes references in a voice name', () => {
    expect(read('<v Tom &amp; Jerry &lt;3>hi').speaker).toBe('Tom & Jerry <3')
  })

  it('keeps ruby text in parentheses after its base, and a blank <rt> adds nothing', () => {
    expect(read('<ruby>漢字<rt>かんじ</rt></ruby>を読む <ruby>x<rt> </rt></ruby>y').text).toBe(
      '漢字(かんじ)を読む x y',
    )
    expect(read('<rt>not in ruby</rt>').text).toBe('not in ruby')
  })

  it('ignores unknown tags and end tags that close nothing', () => {
    expect(read('<p>para</p> <font color=red>red</font></b> <c.a.b>x</i></c>').text).toBe('para red x')
  })

  it('reads a tag left open at the end of the payload', () => {
    expect(read('Hello <i').text).toBe('Hello')
    expect(read('a &lt b &amp c < d').text).toBe('a < b & c')
  })

  it('turns inline timestamps into words bounded by the cue', () => {
    expect(read('<v Ann>Never <00:01.500>drink <00:02.000><c>liquid</c> <00:03.000>nitrogen.')).toEqual({
      start: 1,
      end: 4,
      text: 'Never drink liquid nitrogen.',
      speaker: 'Ann',
      words: [
        { start: 1, end: 1.5, text: 'Never' },
        { start: 1.5, end: 2, text: 'drink' },
        { start: 2, end: 3, text: 'liquid' },
        { start: 3, end: 4, text: 'nitrogen.' },
      ],
    })
  })

  it('treats blank stretches between timestamps as pauses, not words', () => {
    expect(read('<00:01.200>Hello<00:01.800> <00:03.000>again', 1, 5).words).toEqual([
      { start: 1.2, end: 1.8, text: 'Hello' },
      { start: 3, end: 5, text: 'again' },
    ])
  })

  it('drops timestamps that do not parse, keeping the text around them', () => {
    const cue = read('one <00:01.5>two <1:00:00.000 >three <00:61.000>four')
    expect(cue.text).toBe('one two three four')
    expect(cue.words).toBeUndefined()
  })

  it('reads a YouTube-style karaoke cue', () => {
    const cue = read(
      'so<00:00:00.640><c> the</c><00:00:00.880><c> core</c><00:00:01.360><c> developers</c>',
      0.32,
      2.95,
    )
    expect(cue.text).toBe('so the core developers')
    expect(cue.words?.map((w) => [w.text, w.start, w.end])).toEqual([
      ['so', 0.32, 0.64],
      ['the', 0.64, 0.88],
      ['core', 0.88, 1.36],
      ['developers', 1.36, 2.95],
    ])
  })
})
