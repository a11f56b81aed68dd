import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
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
  it('reads standard input and runs as a program', () => {
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
