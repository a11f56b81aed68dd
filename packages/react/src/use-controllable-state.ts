import { useCallback, useRef, useState } from 'react'

/** Options of `useControllableState`: a prop that the user may control, or leave to us. */
export interface UseControllableStateOptions<T> {
  /** The controlled value; `undefined` means uncontrolled. */
  prop?: T | undefined
  /** The initial value while uncontrolled. */
  defaultProp: T
  /** Told about every change we request, controlled or not. */
  onChange?: ((value: T) => void) | undefined
}

/**
 * State that is controlled when `prop` is given and internal otherwise (the Radix shape). The setter is
 * stable, calls `onChange` only when the value really changes, and in controlled mode leaves the value to
 * the owner: nothing moves until the owner passes the new `prop`.
 */
export function useControllableState<T>({
  prop,
  defaultProp,
  onChange,
}: UseControllableStateOptions<T>): [T, (next: T | ((prev: T) => T)) => void] {
  const [internal, setInternal] = useState<T>(defaultProp)
  const controlled = prop !== undefined
  const value = controlled ? prop : internal

  // The setter reads the latest value and handler through refs so that it never changes identity.
  const latest = useRef({ value, controlled, onChange })
  latest.current = { value, controlled, onChange }

  const setValue = useCallback((next: T | ((prev: T) => T)) => {
    const { value: prev, controlled: isControlled, onChange: handler } = latest.current
    const resolved = typeof next === 'function' ? (next as (prev: T) => T)(prev) : next
    if (Object.is(resolved, prev)) return
    // Record the request at once, so a second call in the same tick sees it (and does not notify twice).
    latest.current = { ...latest.current, value: resolved }
    if (!isControlled) setInternal(resolved)
    handler?.(resolved)
  }, [])

  return [value, setValue]
}
