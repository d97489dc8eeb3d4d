/**
 * jsdom set-up for the web component tests: what Ant Design expects from a browser (matchMedia,
 * ResizeObserver, getComputedStyle with a pseudo-element), and a clean DOM and storage after
 * every test.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Ant Design renders heavily under jsdom, and CI machines are shared (a full run keeps both cores
// busy for a quarter of an hour): wait up to 20 s for the DOM.
configure({ asyncUtilTimeout: 20_000 });

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom does not implement pseudo-elements; antd asks for them when measuring scrollbars.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

// Scrolling a field into view after a failed submit is missing from jsdom.
Element.prototype.scrollIntoView ??= () => {};

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});
