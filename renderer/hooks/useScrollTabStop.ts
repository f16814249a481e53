import { useCallback, useState, type RefCallback } from 'react';

const overflows = (element: HTMLElement) => element.scrollHeight > element.clientHeight || element.scrollWidth > element.clientWidth;

/**
 * Tells whether an element's content overflows it, so the element can be a Tab stop exactly while it scrolls: a
 * keyboard then reaches it and scrolls it with the arrows and Page Up/Down (WCAG 2.1.1), and an element whose content
 * fits adds no stop to cross. Sizes are watched on the element and its children, content on the whole subtree.
 */
export function useScrollTabStop<T extends HTMLElement>(): { ref: RefCallback<T>; scrolls: boolean } {
  const [scrolls, setScrolls] = useState(false);
  const ref = useCallback((element: T | null) => {
    if (!element) return;
    const measure = () => setScrolls(overflows(element));
    const sizes = new ResizeObserver(measure);
    const watchChildren = () => {
      for (const child of Array.from(element.children)) sizes.observe(child);
    };
    const content = new MutationObserver(() => {
      watchChildren();
      measure();
    });
    sizes.observe(element);
    watchChildren();
    content.observe(element, { childList: true, subtree: true, characterData: true });
    measure();
    return () => {
      sizes.disconnect();
      content.disconnect();
    };
  }, []);
  return { ref, scrolls };
}
