/**
 * Where the active item of a list moves for a key press, or null when the key is not a navigation key.
 * With nothing active yet, the first step down lands on the first item and the first step up on the last.
 */
export function nextActiveIndex(key: string, current: number | null, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return current === null ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current === null ? last : clamp(current - 1);
    case 'PageDown':
      return clamp((current ?? -1) + Math.max(1, pageSize));
    case 'PageUp':
      return clamp((current ?? count) - Math.max(1, pageSize));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
