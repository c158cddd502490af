const FIELDS = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/**
 * Keys typed into the widget's own fields stay in the widget: a key event leaves the shadow tree
 * with the host as its target, so a site's shortcut on `keydown` ("/" opens search, "s" saves)
 * would fire on what the visitor types. Escape still goes on (a dialog around the widget closes
 * on it). A page's capturing listeners see the keys first; nothing can stop those.
 */
export function containFieldKeys(event: KeyboardEvent): void {
  if (event.key === 'Escape') return;
  const origin = event.composedPath()[0];
  const listener = event.currentTarget;
  if (!(origin instanceof HTMLElement) || !(listener instanceof Node)) return;
  // A page element slotted into the widget is the page's own: its keys go on.
  if (origin.getRootNode() !== listener.getRootNode()) return;
  if (origin.matches(FIELDS)) event.stopPropagation();
}
