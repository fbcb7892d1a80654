/**
 * Registers one tag unless it is taken: a tag can be defined once per page,
 * and a page may load the widget twice (two per-page scripts, or a script
 * and the npm package).
 */

export function defineOnce(tag: string, element: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  if (!registry.get(tag)) registry.define(tag, element);
}
