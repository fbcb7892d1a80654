/**
 * Builds the elements' shadow trees from DOM nodes. The elements rest on
 * Lit's `ReactiveElement` (properties, attributes, batched updates, adopted
 * styles) without lit-html's templates: their trees are a handful of nodes,
 * built once and updated in place, and lit-html would be a third of every
 * page's download (docs/widget.md, "Weight"). Text is only ever set as text,
 * never parsed as HTML.
 */

/** `<tag attribute="value"...>children</tag>` in `doc`; a child string is a text node. */
export function element<Tag extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: Tag,
  attributes: Readonly<Record<string, string>>,
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Sets `name` to `value`, or removes it when `value` is undefined. */
export function attribute(node: Element, name: string, value: string | undefined): void {
  if (value === undefined) node.removeAttribute(name);
  else node.setAttribute(name, value);
}
