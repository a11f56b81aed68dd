/**
 * The shape rules of ./regexp-shape.ts, which the pathological-input test applies to every regular
 * expression whose input grows with the file: shapes whose search V8 runs in linear time pass, the
 * classic super-linear ones are refused.
 */
import { describe, expect, it } from 'vitest'
import { linearRisk } from './regexp-shape.js'

describe('linearRisk', () => {
  it.each([
    // A bounded number of characters per match.
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g,
    /[^\S ]| {2}|^ | $/,
    // The repetition ends the expression: reaching it is a match.
    / \s+|[^\S ]\s*/g,
    // A character it cannot match comes just before the repetition (a quote, `^` or a semicolon).
    /"(?:start|end)"\s*:/,
    /(?:^|;)\s*charset\s*=\s*"?([^";\s]+)/i,
    // One start position, and what follows each repetition cannot be one of its characters.
    /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y,
    /^[\p{Lu}\p{Lt}][\p{L}\p{M}'_-]*$/u,
    /^\d{1,3}:\d{1,2}(?:[.,]\d{1,3})?[ \t]*-->/,
  ])('passes %s', (re) => {
    expect(linearRisk(re)).toBeNull()
  })

  it.each([
    // Every space of a run is a start, and each scans the rest of the run.
    [/\s+$/, 'nothing it cannot match comes just before it'],
    [/\s*:/, 'nothing it cannot match comes just before it'],
    [/[a-z ]\s*:/, 'nothing it cannot match comes just before it'],
    // Every split of a run of digits between two repetitions.
    [/^\d*\d*x/, 'may give back a character'],
    [/^\w+\s*\w+;/, 'may give back a character'],
    // Nested repetitions: exponential.
    [/^(a+)+$/, 'repeats a group that has a repetition of its own'],
    [/^(?:a|b)*c/, 'repeats a group'],
    [/a(?=\s*x)/, 'in a lookaround'],
    [/(a|b)\1/, 'a backreference'],
  ])('refuses %s', (re, reason) => {
    expect(linearRisk(re)).toContain(reason)
  })
})
