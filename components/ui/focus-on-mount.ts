/**
 * Ref callback that moves focus to an element when it appears (a stable function, so React calls
 * it once per mount). Used where a view replaces the one holding focus, e.g. closing the editor.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus({ preventScroll: false });
}
