import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { parseTranscript } from '../src/entry/formats.js'

const shared = (p: string) => fileURLToPath(new URL(`../../../../shared/${p}`, import.meta.url))
const sample = shared('fixtures/talk-python-514.txt')
const exampleJson = shared('corpora/podcast-namespace/docs/examples/transcripts/example.json')

function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = main(
    argv,
    (s) => (stdout += s),
    (s) => (stderr += s),
  )
  return { code, stdout, stderr }
}

describe('castline inspect', () => {
  it('summarises the sample episode', () => {
    const r = run(['inspect', sample])
    expect(r.code).toBe(0)
    const expected = parseTranscript(readFileSync(sample, 'utf8'))
    expect(r.stdout).toContain('format:     text')
    expect(r.stdout).toContain(`cues:       ${expected.cues.length}`)
    expect(r.stdout).toContain('word-level: no')
  })

  it('reports speakers and JSON output for a Podcasting 2.0 file', () => {
    const r = run(['inspect', exampleJson, '--json'])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.stdout)
    expect(s.format).toBe('json')
    expect(s.speakers.length).toBeGreaterThan(0)
    expect(s.cues).toBe(parseTranscript(readFileSync(exampleJson, 'utf8')).cues.length)
  })
})

describe('castline convert', () => {
  it('converts text to vtt and the output reads back to the same cues', () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-cli-'))
    const out = join(dir, 'out.vtt')
    expect(run(['convert', sample, '--to', 'vtt', '-o', out]).code).toBe(0)
    const back = parseTranscript(readFileSync(out, 'utf8'))
    const original = parseTranscript(readFileSync(sample, 'utf8'))
    expect(back.format).toBe('vtt')
    expect(back.cues.map((c) => [c.start, c.end, c.text])).toEqual(
      original.cues.map((c) => [c.start, c.end, c.text]),
    )
  })

  it('writes to stdout without -o', () => {
    const r = run(['convert', exampleJson, '--to', 'srt'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^1\n00:00:0\d,\d{3} --> /)
  })

  it('fails with the line number on stderr and a non-zero exit for a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-cli-'))
    const bad = join(dir, 'bad.vtt')
    writeFileSync(bad, 'WEBVTX\n\n00:00.000 --> 00:01.000\nhello\n')
    const r = run(['convert', bad, '--from', 'vtt', '--to', 'srt'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/bad\.vtt:1: vtt line 1: expected/)
    expect(r.stdout).toBe('')
  })

  it('fails and writes nothing for a file in which no cue can be read (off-spec only in its header)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-cli-'))
    const empty = join(dir, 'empty.vtt')
    const out = join(dir, 'out.srt')
    writeFileSync(empty, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n \n\n00:03 -> 00:04\nlost\n')
    const r = run(['convert', empty, '--to', 'srt', '-o', out])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/empty\.vtt:3: vtt line 3: expected a cue/)
    expect(existsSync(out)).toBe(false)
  })

  it('converts a file made only of off-spec WebVTT timings (Podnews, Teams), with the warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-cli-'))
    const podnews = join(dir, 'podnews.vtt')
    writeFileSync(podnews, 'WEBVTT\n\n0.860 --> 7.380\nWelcome.\n\n0:0:7.380 --> 0:0:9.100\nThe news.\n')
    const r = run(['convert', podnews, '--to', 'srt'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      '1\n00:00:00,860 --> 00:00:07,380\nWelcome.\n\n2\n00:00:07,380 --> 00:00:09,100\nThe news.\n\n',
    )
    expect(r.stderr).toMatch(/podnews\.vtt:3: warning: 2 cue timing\(s\) are not WebVTT's/)
  })

  it('names only the file for a warning about the whole file, the file and line for one about a line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'castline-cli-'))
    const json = join(dir, 'early.json')
    // Podcasting 2.0 JSON has no line numbers for its segments; a start before 0 is repaired and counted.
    writeFileSync(
      json,
      JSON.stringify({ version: '1.0.0', segments: [{ startTime: -1, endTime: 1, body: 'Before.' }] }),
    )
    const r = run(['inspect', json])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe(`${json}: warning: 1 cue(s) started before 0 and now start at 0 [invalid-value]\n`)
    const vtt = join(dir, 'late.vtt')
    writeFileSync(vtt, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne.\n\n4:52.080 --> 4:57.500\nTwo.\n')
    expect(run(['inspect', vtt]).stderr).toMatch(new RegExp(`^${vtt.replaceAll('.', '\\.')}:6: warning: `))
  })

  it('rejects a wrong command line with usage and exit 2', () => {
    for (const argv of [
      ['convert', sample],
      ['convert', sample, '--to', 'docx'],
      ['frobnicate'],
      ['inspect'],
    ]) {
      const r = run(argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr).toContain('Usage:')
    }
  })

  it('reports a missing file without a stack trace', () => {
    const r = run(['inspect', '/nonexistent/file.vtt'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/file\.vtt/)
  })
})

describe('the castline executable', () => {
  // A program started with tsx: seconds on a busy machine, so a longer time limit than vitest's 5 s.
  it('reads standard input and runs as a program', { timeout: 60_000 }, () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
    const input = readFileSync(exampleJson, 'utf8')
    const out = execFileSync(process.execPath, ['--import', 'tsx', cli, 'convert', '-', '--to', 'text'], {
      input,
      encoding: 'utf8',
    })
    expect(out.split('\n')[0]).toMatch(/^00:00:0\d(?:\.\d{3})? /)
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, 'inspect', '-'], {
      input: 'just words',
      encoding: 'utf8',
    })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('<stdin>:1:')
  })
})

describe('encodings', () => {
  // A real SRT (with non-ASCII text) in the encodings subtitle files come in; see decode.test.ts.
  const lalaFile = shared('corpora/srt/subtitle.js/fixtures/LaLaLand.srt')
  const lala = readFileSync(lalaFile, 'utf8')
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lala, 'utf16le')])
  const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(lala, 'utf16le').swap16()])
  const french = readFileSync(shared('corpora/srt/subsrt/sample.srt'), 'utf8').replace(
    '[intro music]',
    '[ÉVÉNEMENTS : la musique d’intro]',
  )
  const frenchLine = french.split('\n').indexOf('[ÉVÉNEMENTS : la musique d’intro]') + 1
  // Windows-1252: É is 0xC9, ’ is 0x92.
  const windows1252 = Buffer.from(french.replaceAll('’', '\x92'), 'latin1')
  const file = (name: string, bytes: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'castline-cli-')), name)
    writeFileSync(path, bytes)
    return path
  }
  const cues = (source: string) => parseTranscript(source).cues.map((c) => [c.start, c.end, c.text])

  it('inspects UTF-16LE and UTF-16BE files with a BOM as the same transcript as the UTF-8 file', () => {
    const expected = parseTranscript(lala)
    for (const [bytes, encoding] of [
      [utf16le, 'utf-16le'],
      [utf16be, 'utf-16be'],
    ] as const) {
      const r = run(['inspect', file('lalaland.srt', bytes), '--json'])
      expect(r.code, encoding).toBe(0)
      expect(r.stderr).toBe('')
      const s = JSON.parse(r.stdout)
      expect(s).toMatchObject({ format: 'srt', encoding, cues: expected.cues.length, warnings: [] })
    }
    expect(run(['inspect', file('lalaland.srt', utf16le)]).stdout).toContain('encoding:   utf-16le')
  })

  it('converts a UTF-16 file to the same cues as the UTF-8 one, written as UTF-8', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'castline-cli-')), 'out.vtt')
    expect(run(['convert', file('lalaland.srt', utf16be), '--to', 'vtt', '-o', out]).code).toBe(0)
    const written = readFileSync(out)
    expect(written.subarray(0, 6).toString('latin1')).toBe('WEBVTT')
    expect(cues(written.toString('utf8'))).toEqual(cues(lala))
  })

  it('converts a Windows-1252 file with its accented letters, and warns that it was not UTF-8', () => {
    const input = file('french.srt', windows1252)
    const r = run(['convert', input, '--to', 'vtt'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('[ÉVÉNEMENTS : la musique d’intro]\n')
    expect(r.stdout).not.toContain('\uFFFD')
    expect(cues(r.stdout)).toEqual(cues(french))
    expect(r.stderr).toBe(
      `${input}:${frenchLine}: warning: line ${frenchLine} is not valid UTF-8: the file was read as windows-1252 [encoding]\n`,
    )
    const inspected = JSON.parse(run(['inspect', input, '--json']).stdout)
    expect(inspected.encoding).toBe('windows-1252')
    expect(inspected.warnings).toEqual([expect.objectContaining({ code: 'encoding', line: frenchLine })])
  })

  it('--charset names the encoding: no guess, no warning; an unknown one is a usage error', () => {
    const input = file('french.srt', windows1252)
    const r = run(['convert', input, '--to', 'text', '--charset', 'windows-1252'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('ÉVÉNEMENTS : la musique d’intro')
    const bad = run(['convert', input, '--to', 'text', '--charset', 'klingon'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--charset takes an encoding label')
    expect(bad.stdout).toBe('')
  })

  it('reads UTF-16 and Windows-1252 bytes from standard input, as the program', { timeout: 60_000 }, () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
    const utf16 = spawnSync(process.execPath, ['--import', 'tsx', cli, 'inspect', '-', '--json'], {
      input: utf16le,
    })
    expect(utf16.status, utf16.stderr.toString()).toBe(0)
    expect(JSON.parse(utf16.stdout.toString())).toMatchObject({
      format: 'srt',
      encoding: 'utf-16le',
      cues: parseTranscript(lala).cues.length,
    })
    const legacy = spawnSync(process.execPath, ['--import', 'tsx', cli, 'convert', '-', '--to', 'text'], {
      input: windows1252,
    })
    expect(legacy.status).toBe(0)
    expect(legacy.stdout.toString('utf8')).toContain('ÉVÉNEMENTS : la musique d’intro')
    expect(legacy.stderr.toString('utf8')).toContain(
      `-:${frenchLine}: warning: line ${frenchLine} is not valid UTF-8`,
    )
  })
})
