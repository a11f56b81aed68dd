import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FeedParseError, findEpisode, readFeed } from '../src/entry/feed.js'

const shared = (p: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url)), 'utf8')
const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`fixtures/${p}`, import.meta.url)), 'utf8')

/** The error `f` throws (the test fails when it throws none). */
function errorOf(f: () => unknown): FeedParseError {
  try {
    f()
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError)
    return error as FeedParseError
  }
  throw new Error('expected a FeedParseError')
}

describe('readFeed: the Podcasting 2.0 namespace example feed', () => {
  const feed = readFeed(shared('corpora/podcast-namespace/example.xml'))

  it('reads the show', () => {
    expect(feed.title).toBe('Podcasting 2.0 Namespace Example')
    expect(feed.author).toBe('john@example.com (John Doe)')
    expect(feed.image).toBe('https://example.com/images/pci_avatar-massive.jpg')
    expect(feed.language).toBe('en-US')
    expect(feed.warnings).toEqual([])
  })

  it('reads the three items, not the liveItem', () => {
    expect(feed.items.map((i) => i.title)).toEqual([
      'Episode 3 - The Future',
      'Episode 2 - The Present',
      'Episode 1 - The Past',
    ])
  })

  it('reads an item: guid, enclosure, image, date, chapters, soundbite, transcripts, people', () => {
    const ep3 = findEpisode(feed, 'https://example.com/ep0003')!
    expect(ep3.guid).toBe('https://example.com/ep0003')
    expect(ep3.enclosure).toEqual({
      url: 'https://example.com/file-03.mp3',
      type: 'audio/mpeg',
      length: 43200000,
    })
    expect(ep3.image).toBe('https://example.com/ep0003/artMd.jpg')
    expect(ep3.pubDate).toBe('Fri, 09 Oct 2020 04:30:38 GMT')
    expect(ep3.chapters).toEqual({ url: 'https://example.com/ep3_chapters.json', type: 'application/json' })
    expect(ep3.soundbites).toEqual([{ startTime: 33.833, duration: 60 }])
    expect(ep3.transcripts).toEqual([
      { url: 'https://example.com/ep3/transcript.txt', type: 'text/plain', language: 'en-US' },
      {
        url: 'https://example.com/episode1/transcript.vtt',
        type: 'text/vtt',
        language: 'es',
        rel: 'captions',
      },
    ])
    expect(ep3.persons).toEqual([
      {
        name: 'Adam Curry',
        role: 'host',
        group: 'cast',
        img: 'https://example.com/images/adamcurry.jpg',
        href: 'https://www.podchaser.com/creators/adam-curry-107ZzmWE5f',
      },
      {
        name: 'Dave Jones',
        role: 'guest',
        group: 'cast',
        img: 'https://example.com/images/davejones.jpg',
        href: 'https://github.com/daveajones/',
      },
      {
        name: 'Becky Smith',
        role: 'cover art designer',
        group: 'visuals',
        href: 'https://example.com/artist/beckysmith',
      },
    ])
  })

  it('keeps an HTML description as the string the feed holds, decoded once from XML', () => {
    expect(feed.items[0]!.description).toBe(
      '<p>A look into the future of podcasting and how we get to Podcasting 2.0!</p>',
    )
  })

  it('findEpisode finds nothing for an unknown guid', () => {
    expect(findEpisode(feed, 'nope')).toBeUndefined()
  })
})

describe('readFeed: a feed as hosts publish it', () => {
  const feed = readFeed(fixture('host-feed.xml'))
  const [ep12, ep11, ep10, ep9] = feed.items

  it('reads the channel, with entities, CDATA and the image/url fallback unused when itunes:image is there', () => {
    expect(feed.title).toBe('Castline & Friends')
    expect(feed.author).toBe('Ana Müller & José García')
    expect(feed.description).toBe('<p>A show about <b>transcripts</b> & players.</p>')
    expect(feed.image).toBe('https://img.example.com/show-3000.jpg')
    expect(feed.language).toBe('en-us')
    expect(feed.persons.map((p) => p.name)).toEqual(['Ana Müller', 'José García'])
  })

  it('resolves a namespace declared with another prefix (pi: for podcast:)', () => {
    expect(ep12!.transcripts).toHaveLength(5)
    expect(ep12!.chapters).toEqual({
      url: 'https://cdn.example.com/ep12-chapters.json',
      type: 'application/json+chapters',
    })
    expect(ep12!.soundbites).toEqual([{ startTime: 73.5, duration: 42.25, title: 'The one about drift' }])
  })

  it('gives HTML in a title as text, never as markup', () => {
    expect(ep12!.title).toBe('Episode 12: <b>Timing</b> is everything')
    expect(ep11!.title).toBe('Episode 11: Q&A <live>')
  })

  it('keeps the fuller content:encoded show notes as a string, script and all, for the renderer to show as text', () => {
    expect(ep12!.description).toBe('<p>Full show notes: <em>timing</em>, chapters &amp; more.</p>')
  })

  it('reads itunes:duration as HH:MM:SS, MM:SS and seconds, and leaves out one that is no time with a warning', () => {
    expect(ep12!.duration).toBe(3723)
    expect(ep11!.duration).toBe(2723)
    expect(ep10!.duration).toBe(2723)
    expect(ep9!.duration).toBeUndefined()
    expect('duration' in ep9!).toBe(false)
    expect(feed.warnings).toContainEqual(expect.objectContaining({ code: 'invalid-value', line: 58 }))
  })

  it('reads itunes:episode as a positive whole number and leaves out one that is not, with a warning', () => {
    const items = readFeed(
      '<rss version="2.0"><channel><title>T</title>' +
        '<item><title>A</title><itunes:episode>514</itunes:episode></item>' +
        '<item><title>B</title>\n<itunes:episode>5.5</itunes:episode></item>' +
        '<item><title>C</title><itunes:episode>0</itunes:episode></item></channel></rss>',
    )
    expect(items.items.map((item) => item.episode)).toEqual([514, undefined, undefined])
    expect('episode' in items.items[1]!).toBe(false)
    expect(items.warnings).toEqual([
      expect.objectContaining({ code: 'invalid-value', line: 2, message: expect.stringContaining('"5.5"') }),
      expect.objectContaining({ code: 'invalid-value', message: expect.stringContaining('"0"') }),
    ])
  })

  it('leaves out an enclosure length that is no number, with a warning, and keeps the rest', () => {
    expect(ep11!.enclosure).toEqual({ url: 'https://audio.example.com/ep11.mp3', type: 'audio/mpeg' })
    expect(feed.warnings).toContainEqual(expect.objectContaining({ code: 'invalid-value', line: 46 }))
  })

  it("gives an item without people the channel's, and an item with its own only those", () => {
    expect(ep12!.persons.map((p) => [p.name, p.role])).toEqual([
      ['Lee Chen', 'guest'],
      ['Ana Müller', 'host'],
    ])
    expect(ep11!.persons.map((p) => p.name)).toEqual(['Ana Müller', 'José García'])
  })

  it('leaves missing optional fields absent', () => {
    expect(Object.keys(ep9!).sort()).toEqual(['persons', 'soundbites', 'title', 'transcripts'])
  })
})

describe('readFeed: hostile and malformed feeds', () => {
  const rss = (body: string) => `<rss version="2.0"><channel><title>T</title>${body}</channel></rss>`

  it('never expands billion laughs: the DOCTYPE is skipped with a warning, the reference kept as written', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, k) => ` <!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`,
      ),
      ']>',
      rss('<item><title>&lol9;</title></item>'),
    ].join('\n')
    const feed = readFeed(lol)
    expect(feed.items[0]!.title).toBe('&lol9;')
    expect(feed.warnings.map((w) => [w.line, w.code])).toEqual([
      [2, 'doctype'],
      [14, 'entity'],
    ])
  })

  it('never loads an external entity (SYSTEM "file:///etc/passwd")', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n${rss('<item><title>&xxe;</title></item>')}`
    const feed = readFeed(xxe)
    expect(feed.items[0]!.title).toBe('&xxe;')
    expect(JSON.stringify(feed)).not.toContain('root:')
    expect(feed.warnings[0]).toMatchObject({ line: 2, code: 'doctype' })
  })

  it('decodes only the five predefined entities and character references', () => {
    const feed = readFeed(
      rss('<item><title>&lt;&gt;&amp;&quot;&apos; &#233;&#x1F399; &nbsp; a & b</title></item>'),
    )
    expect(feed.items[0]!.title).toBe(`<>&"' é\u{1F399} &nbsp; a & b`)
    expect(feed.warnings.map((w) => w.code)).toEqual(['entity', 'entity'])
  })

  it('rejects input over the size limit before reading it (50 MB against the default 20 MB)', () => {
    const big = rss(`<item><title>${'a'.repeat(50_000_000)}</title></item>`)
    const error = errorOf(() => readFeed(big))
    expect(error.line).toBe(1)
    expect(error.expected).toMatch(/at most 20000000 characters/)
    expect(errorOf(() => readFeed(rss(''), { maxSize: 10 })).expected).toMatch(/at most 10 characters/)
  })

  it('rejects 100,000-deep nesting with a typed error, without overflowing the stack', () => {
    const deep = rss(`<item>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</item>`)
    const error = errorOf(() => readFeed(deep))
    expect(error.expected).toMatch(/nested at most 256 deep/)
    // Without the limit, the explicit stack reads it all.
    expect(readFeed(deep, { maxDepth: 1_000_000 }).items).toHaveLength(1)
  })

  it('names the line of an element that is never closed', () => {
    const error = errorOf(() =>
      readFeed('<rss>\n<channel>\n<item>\n<title>Unclosed\n</item>\n</channel>\n</rss>'),
    )
    expect(error.line).toBe(5)
    expect(error.expected).toBe('</title> (opened on line 4)')
    expect(error.message).toContain('found "</item>"')
    const eof = errorOf(() => readFeed('<rss>\n<channel>\n<title>T</title>\n'))
    expect(eof.line).toBe(2)
    expect(eof.message).toMatch(/<\/channel>/)
  })

  it('names the line of a tag that is never ended, and of an unquoted attribute', () => {
    expect(errorOf(() => readFeed('<rss>\n<channel>\n<item\n')).line).toBe(3)
    expect(errorOf(() => readFeed('<rss>\n<channel>\n<enclosure url=x/>')).line).toBe(3)
    expect(errorOf(() => readFeed('<rss><channel><![CDATA[ never ends')).expected).toMatch(/CDATA/)
  })

  it('says when the XML is no RSS feed', () => {
    expect(errorOf(() => readFeed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).expected).toMatch(
      /<rss>/,
    )
    expect(errorOf(() => readFeed('<rss version="2.0"></rss>')).expected).toMatch(/<channel>/)
    expect(errorOf(() => readFeed('')).expected).toBe('a root element')
    expect(errorOf(() => readFeed('not xml')).expected).toBe('markup')
    expect(errorOf(() => readFeed('<rss><channel/></rss><rss/>')).expected).toBe('a single root element')
    expect(errorOf(() => readFeed(42 as unknown as string)).expected).toBe('the feed as a string')
  })

  it('takes content:encoded over description over itunes:summary, whatever their order', () => {
    const feed = readFeed(
      rss(
        '<item><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">full</content:encoded><description>short</description></item>' +
          '<item><itunes:summary xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">summary</itunes:summary><description>short</description></item>' +
          '<item><itunes:summary xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">summary</itunes:summary></item>',
      ),
    )
    expect(feed.items.map((i) => i.description)).toEqual(['full', 'short', 'summary'])
  })

  it('ignores unknown elements and keeps their text out of the fields it reads', () => {
    const feed = readFeed(rss('<x:unknown xmlns:x="urn:x"><title>Not the show</title></x:unknown><item/>'))
    expect(feed.title).toBe('T')
    expect(feed.items).toEqual([{ transcripts: [], persons: [], soundbites: [] }])
  })
})

describe('readFeed on arbitrary input', () => {
  it('gives a feed or a FeedParseError, never another error, for any mix of XML pieces', () => {
    const piece = fc.constantFrom(
      '<rss>',
      '</rss>',
      '<channel>',
      '</channel>',
      '<item>',
      '</item>',
      '<title>',
      '</title>',
      '<podcast:transcript url="a" type="text/vtt"/>',
      '<itunes:duration>',
      '</itunes:duration>',
      '<enclosure url="u" length="x"/>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<!DOCTYPE r [<!ENTITY a "b">]>',
      '<?xml version="1.0"?>',
      '&amp;',
      '&a;',
      '&#0;',
      '&#x110000;',
      '&',
      '<',
      '>',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      'text',
      '1:02:03',
      'é',
      '\ud800',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        try {
          const feed = readFeed(pieces.join(''))
          expect(Array.isArray(feed.items)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(FeedParseError)
          expect((error as FeedParseError).line).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
