import { svg } from 'lit';

// Decorative only: every button that shows one carries its own text or aria-label.
const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">${path}</svg>`;

export const micIcon = icon(
  svg`<path fill="currentColor" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z"/>`,
);
export const micOffIcon = icon(
  svg`<path fill="currentColor" d="M19 11h-2a5 5 0 0 1-.7 2.6l1.4 1.4A7 7 0 0 0 19 11zM15 11V5a3 3 0 0 0-5.9-.8L15 10.1V11zM4.3 3 3 4.3l6 6V11a3 3 0 0 0 4.3 2.7l1.6 1.6A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 3.3-1.3l3.4 3.4 1.3-1.3z"/>`,
);
export const hangUpIcon = icon(
  svg`<path fill="currentColor" d="M12 9c-1.6 0-3.1.3-4.6.8v3.1c0 .4-.2.7-.6.9-1 .5-1.9 1.1-2.7 1.8-.2.2-.4.3-.7.3s-.5-.1-.7-.3L.3 13.2a1 1 0 0 1 0-1.4C3.4 8.9 7.5 7 12 7s8.6 1.9 11.7 4.8a1 1 0 0 1 0 1.4l-2.4 2.4c-.2.2-.4.3-.7.3s-.5-.1-.7-.3c-.8-.7-1.7-1.3-2.7-1.8a1 1 0 0 1-.6-.9V9.8C15.1 9.3 13.6 9 12 9z"/>`,
);
export const chatIcon = icon(
  svg`<path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/>`,
);
export const closeIcon = icon(
  svg`<path fill="currentColor" d="M18.3 5.7 16.9 4.3 12 9.2 7.1 4.3 5.7 5.7 10.6 10.6 5.7 15.5 7.1 16.9 12 12l4.9 4.9 1.4-1.4-4.9-4.9z"/>`,
);
export const historyIcon = icon(
  svg`<path fill="currentColor" d="M13 3a9 9 0 0 0-9 9H1l4 4 4-4H6a7 7 0 1 1 2.05 4.95l-1.42 1.42A9 9 0 1 0 13 3zm-1 5v5l4.25 2.52.77-1.28-3.52-2.09V8z"/>`,
);
export const plusIcon = icon(
  svg`<path fill="currentColor" d="M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6z"/>`,
);
export const sendIcon = icon(svg`<path fill="currentColor" d="M2 21 23 12 2 3v7l15 2-15 2z"/>`);
export const expandIcon = icon(
  svg`<path fill="currentColor" d="M4 4h7v2H7.4l4.3 4.3-1.4 1.4L6 7.4V11H4zm16 16h-7v-2h3.6l-4.3-4.3 1.4-1.4 4.3 4.3V13h2z"/>`,
);
export const collapseIcon = icon(
  svg`<path fill="currentColor" d="M11 11H4V9h3.6L3.3 4.7l1.4-1.4L9 7.6V4h2zm2 2h7v2h-3.6l4.3 4.3-1.4 1.4-4.3-4.3V20h-2z"/>`,
);
export const downloadIcon = icon(
  svg`<path fill="currentColor" d="M11 4h2v8.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z"/>`,
);
export const thumbUpIcon = icon(
  svg`<path fill="currentColor" d="M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z"/>`,
);
export const thumbDownIcon = icon(
  svg`<path fill="currentColor" d="M22 3h-4v12h4zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1.1l1.1 1 6.6-6.6c.4-.4.6-.9.6-1.4V5a2 2 0 0 0-2-2H7c-.8 0-1.5.5-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7z"/>`,
);
