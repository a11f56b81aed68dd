import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import { readPodcastHtml, writePodcastHtml } from '../src/formats/podcast-html.js'
import { readSrt } from '../src/formats/srt.js'
import type { Cue, Transcript } from '../src/model.js'
import { collapseWhitespace } from '../src/text.js'

const shared = (p: string) => fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url))
const read = (p: string) => readFileSync(shared(p), 'utf8')
const PODCAST = 'corpora/podcast-namespace/docs/examples/transcripts'

function transcript(cues: Cue[]): Transcript {
  return { format: 'html', cues, warnings: [], speakers: [], wordLevel: false }
}

function thrown(fn: () => unknown): TranscriptParseError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TranscriptParseError) return e
    throw e
  }
  throw new Error('expected a TranscriptParseError')
}

describe('readPodcastHtml on the Podcasting 2.0 examples', () => {
  const source = read(`${PODCAST}/example.html`)

  it('example.html: one cue per <p>, start from the <time> before it, speaker from the <cite>', () => {
    const { cues, warnings, lines } = readPodcastHtml(source)
    expect(warnings).toEqual([])
    // The file's own <time> and <cite> elements, in order, read with a plain regular expression.
    const times = [...source.matchAll(/<time>(\d+):(\d\d)<\/time>/g)].map(
      (m) => Number(m[1]) * 60 + Number(m[2]),
    )
    const cites = [...source.matchAll(/<cite>(\w+):<\/cite>/g)].map((m) => m[1])
    expect(times).toHaveLength(10)
    expect(cues.map((c) => c.start)).toEqual(times)
    expect(cues.map((c) => c.speaker)).toEqual(cites)
    expect(cues.every((c) => Number.isNaN(c.end))).toBe(true)
    expect(lines).toEqual(cues.map((_, i) => 3 + 3 * i))
    expect(cues[0]!.text.startsWith("When you first get started in podcasting, it's almost guaranteed")).toBe(
      true,
    )
    expect(cues.some((c) => c.text.includes('&#39;'))).toBe(false)
  })

  it('example.html says what example.srt says: each speaker turn of the SRT is one paragraph', () => {
    const paragraphs = readPodcastHtml(source).cues
    const turns: Array<{ speaker?: string; start: number; text: string }> = []
    for (const c of readSrt(read(`${PODCAST}/example.srt`)).cues) {
      const last = turns.at(-1)
      if (last !== undefined && last.speaker === c.speaker) last.text += ` ${c.text}`
      else
        turns.push({
          ...(c.speaker === undefined ? {} : { speaker: c.speaker }),
          start: c.start,
          text: c.text,
        })
    }
    expect(turns.map((t) => [t.speaker, Math.floor(t.start), t.text])).toEqual(
      paragraphs.map((p) => [p.speaker, p.start, p.text]),
    )
  })

  it('the HTML snippet in transcripts.md: multi-line paragraph, `Alban :` with a space', () => {
    const md = read(`${PODCAST}/transcripts.md`)
    const snippet = /```html\n(<cite>[\s\S]*?)```/.exec(md)![1]!
    const { cues } = readPodcastHtml(snippet)
    expect(cues).toEqual([
      {
        start: 0,
        end: Number.NaN,
        speaker: 'Kevin',
        text: 'We have an update planned where we would like to give the ability to upload an artwork file for these videos',
      },
      {
        start: 9,
        end: Number.NaN,
        speaker: 'Alban',
        text: "You're triggering Tom right now with a hey, here's a cool feature.",
      },
    ])
  })

  it('reads the example inside a full page with head, scripts, styles and comments', () => {
    const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Episode 12 <p>not a cue</p></title>
<style>p::before { content: "<p>nope</p>" }</style>
<script>document.write('<time>9:99</time><p>injected</p>'); if (a < b && c > d) {}</script>
</head><body><h1>Transcript</h1>
<!-- <time>1:00</time><p>commented out</p> -->
${source}
<SCRIPT type="text/javascript">alert("</p><p>xss")</SCRIPT >
</body></html>`
    const { cues, warnings } = readPodcastHtml(page)
    expect(warnings).toEqual([])
    expect(cues).toEqual(readPodcastHtml(source).cues)
  })
})

describe('readPodcastHtml details', () => {
  it('strips inline tags, reads <br> and blocks as spaces, decodes entities', () => {
    const { cues } = readPodcastHtml(
      '<time>1:02:03.5</time><p>un<b>believ</b>able <a href="https://x.test/?a=1&amp;b=2" title="a > b">link</a><br>next&nbsp;line &lt;3 &amp; more<span>!</span></p>',
    )
    expect(cues).toEqual([{ start: 3723.5, end: Number.NaN, text: 'unbelievable link next line <3 & more!' }])
  })

  it('reads times with spaces around them, split by a comment, with entities, and data-end ends', () => {
    const { cues, warnings } = readPodcastHtml(
      '<time>\n  0:05\n</time><p DATA-END=" 0:07.250 ">a</p>' +
        "<time>1:<!-- minutes -->02</time><p data-end='1:03'>b</p>" +
        '<time>&#49;:30</time><p data-end=soon>c</p>',
    )
    expect(warnings).toEqual([])
    expect(cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [5, 7.25, 'a'],
      [62, 63, 'b'],
      [90, Number.NaN, 'c'],
    ])
  })

  it('takes a <cite> and <time> at the start of a paragraph for that paragraph, later ones as text', () => {
    const { cues } = readPodcastHtml(
      '<p><cite>Kevin:</cite> <time>0:05</time> As <cite>Darwin</cite> wrote at <time>1859</time>, yes.</p><p>And more.</p>',
    )
    expect(cues.map((c) => [c.speaker, c.start, c.text])).toEqual([
      ['Kevin', 5, 'As Darwin wrote at 1859, yes.'],
      ['Kevin', 5, 'And more.'],
    ])
  })

  it('keeps the latest time and speaker for later paragraphs; an empty <cite> clears the speaker', () => {
    const { cues } = readPodcastHtml(
      '<cite>A:</cite><time>0:01</time><p>one</p><p>two</p><cite></cite><time>0:03</time><p>three</p>',
    )
    expect(cues.map((c) => [c.speaker, c.start, c.text])).toEqual([
      ['A', 1, 'one'],
      ['A', 1, 'two'],
      [undefined, 3, 'three'],
    ])
  })

  it('reads upper-case tags and an unclosed last paragraph; a block start closes a paragraph', () => {
    const { cues } = readPodcastHtml('<TIME>0:01</TIME><P>one<div>two</div><TIME>0:02</TIME><P>three')
    expect(cues.map((c) => [c.start, c.text])).toEqual([
      [1, 'one'],
      [2, 'three'],
    ])
  })

  it('warns about a paragraph before any time, a time it cannot read and text outside paragraphs', () => {
    const { cues, warnings } = readPodcastHtml(
      '<p>Intro without time</p>\n<time>0:10</time>\n<p>first</p>\nstray words\n<time>soon</time>\n<p>second</p>',
    )
    expect(cues.map((c) => [c.start, c.text])).toEqual([
      [10, 'first'],
      [10, 'second'],
    ])
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [1, 'untimed-line'],
      [4, 'unknown-block'],
      [5, 'bad-timestamp'],
    ])
  })

  it('rejects a source without any timed paragraph, naming the line', () => {
    expect(thrown(() => readPodcastHtml('just some text')).line).toBe(1)
    const err = thrown(() => readPodcastHtml('<html>\n<body>\n<cite>A:</cite>\n<p>no time anywhere</p>'))
    expect([err.format, err.line]).toEqual(['html', 4])
    expect(thrown(() => readPodcastHtml('')).format).toBe('html')
  })

  it('stays linear on hostile input', () => {
    const evil = [
      `<time>0:01</time><p>${'<b>'.repeat(50_000)}x${'<'.repeat(50_000)}${'&#'.repeat(50_000)}</p>`,
      `<time>0:01</time><p>a</p><!--${'<p>'.repeat(50_000)}`,
      `<time>0:01</time><p>a</p><script>${'</scrip'.repeat(50_000)}`,
      `<time>0:01</time><p>a</p><div ${'a="'.repeat(50_000)}`,
    ]
    for (const source of evil) {
      expect(readPodcastHtml(source).cues.length).toBeGreaterThan(0)
    }
  })
})

describe('writePodcastHtml', () => {
  it('writes <cite> on speaker changes, <time> and <p> per cue, escaped text', () => {
    const out = writePodcastHtml(
      transcript([
        { start: 0, end: 53, text: 'Hi <b>you</b> & me', speaker: 'Travis' },
        { start: 53.25, end: 3725, text: 'Second', speaker: 'Travis' },
        { start: 3725, end: 3726.5, text: 'Third' },
      ]),
    )
    expect(out).toBe(
      '<cite>Travis:</cite>\n<time>0:00</time>\n<p data-end="0:53">Hi &lt;b&gt;you&lt;/b&gt; &amp; me</p>\n' +
        '<time>0:53.250</time>\n<p data-end="1:02:05">Second</p>\n' +
        '<cite></cite>\n<time>1:02:05</time>\n<p data-end="1:02:06.500">Third</p>\n',
    )
  })

  it('round-trips example.html', () => {
    const first = readPodcastHtml(read(`${PODCAST}/example.html`)).cues
    const withEnds = first.map((c, i) => ({ ...c, end: first[i + 1]?.start ?? c.start + 60 }))
    expect(readPodcastHtml(writePodcastHtml(transcript(withEnds))).cues).toEqual(withEnds)
  })

  it('round-trips arbitrary cues (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom(
        '<',
        '>',
        '&',
        '&amp;',
        '&#39;',
        '-->',
        '<!--',
        ':',
        '\n',
        '<p>',
        '</p>',
        '<script>',
        '<time>',
        '"',
      ),
    )
    const text = fc
      .array(piece, { maxLength: 8 })
      .map((p) => collapseWhitespace(p.join('')))
      .filter((t) => t !== '')
    const speaker = fc.option(text, { nil: undefined })
    const cue = fc.record({ start: fc.nat(36_000_000), length: fc.nat(600_000), text, speaker }).map((c) => {
      const out: Cue = { start: c.start / 1000, end: (c.start + c.length) / 1000, text: c.text }
      if (c.speaker !== undefined) out.speaker = c.speaker
      return out
    })
    fc.assert(
      fc.property(fc.array(cue, { minLength: 1, maxLength: 10 }), (cues) => {
        expect(readPodcastHtml(writePodcastHtml(transcript(cues))).cues).toEqual(cues)
      }),
      { numRuns: 400 },
    )
  })
})

describe('readPodcastHtml and paragraphs without text', () => {
  it('reports a timed paragraph holding only markup as an empty cue instead of dropping it silently', () => {
    const html = [
      '<cite>Eve:</cite><time>0:01</time><p><img src="x.png" onerror="alert(1)"></p>',
      '<cite>Eve:</cite><time>0:02</time><p><script>alert(2)</script></p>',
      '<cite>Eve:</cite><time>0:03</time><p>said</p>',
    ].join('\n')
    const result = readPodcastHtml(html)
    expect(result.cues.map((c) => c.text)).toEqual(['said'])
    expect(result.warnings.filter((w) => w.code === 'empty-cue').map((w) => w.line)).toEqual([1, 2])
  })
})
