/**
 * Writes `custom-elements.json` (Custom Elements Manifest, schema 2.1.0) from
 * the JSDoc of the widget's element classes: `@summary`, `@fires`, `@slot`,
 * `@csspart`, `@cssprop [--name=default]` on the class, `@attr` and
 * `@default` on each `declare` field, and the tags registered in define.ts.
 * A small reader of our own source conventions, because the usual analyzer
 * needs the TypeScript 5 compiler API, which TypeScript 7 no longer has.
 * `npm run build` runs it; test/node checks that the committed file is current.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from './entry-point';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ELEMENT_MODULES = ['widget/src/cinetpay-button.ts', 'widget/src/cinetpay-status.ts'];
const EVENTS_MODULE = 'widget/src/events.ts';
const DEFINE_MODULE = 'widget/src/define.ts';
export const MANIFEST_PATH = join(ROOT, 'custom-elements.json');

interface Named {
  readonly name: string;
  readonly description: string;
}
interface CssProperty extends Named {
  readonly default?: string;
}
interface Attribute extends Named {
  readonly fieldName: string;
  readonly type: { readonly text: string };
  readonly default?: string;
}
interface Member {
  readonly kind: 'field';
  readonly name: string;
  readonly description: string;
  readonly type: { readonly text: string };
  readonly attribute?: string;
  readonly reflects?: boolean;
  readonly readonly?: boolean;
  readonly default?: string;
}
interface EventDoc extends Named {
  readonly type: { readonly text: string };
}
interface ClassDeclaration {
  readonly kind: 'class';
  readonly name: string;
  readonly tagName: string;
  readonly customElement: true;
  readonly summary: string;
  readonly description: string;
  readonly superclass: { readonly name: 'ReactiveElement'; readonly package: '@lit/reactive-element' };
  readonly attributes: readonly Attribute[];
  readonly members: readonly Member[];
  readonly events: readonly EventDoc[];
  readonly slots: readonly Named[];
  readonly cssParts: readonly Named[];
  readonly cssProperties: readonly CssProperty[];
}
type Export =
  | { readonly kind: 'js'; readonly name: string; readonly declaration: { readonly name: string; readonly module: string } }
  | { readonly kind: 'custom-element-definition'; readonly name: string; readonly declaration: { readonly name: string; readonly module: string } };
interface Module {
  readonly kind: 'javascript-module';
  readonly path: string;
  readonly declarations: readonly ClassDeclaration[];
  readonly exports: readonly Export[];
}
export interface Manifest {
  readonly schemaVersion: '2.1.0';
  readonly readme: string;
  readonly modules: readonly Module[];
}

/** The text of a `/** ... *\/` block, without the leading stars. */
function commentText(block: string): string {
  return block
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** Splits a comment into its free text and its `@tag value` lines. */
function parseComment(text: string): { readonly description: string; readonly tags: readonly (readonly [string, string])[] } {
  const [description = '', ...rest] = text.split(/\n(?=@)|\s(?=@(?:attr|default)\b)/);
  const tags = rest.map((chunk): readonly [string, string] => {
    const match = /^@(\w+)\s*([\s\S]*)$/.exec(chunk.trim());
    return match ? [match[1] ?? '', (match[2] ?? '').replace(/\s+/g, ' ').trim()] : ['', ''];
  });
  return { description: description.replace(/\s+/g, ' ').trim(), tags };
}

/** `name - description`, or `- description` for the default slot. */
function named(value: string): Named {
  const match = /^(\S*)\s*-\s*([\s\S]*)$/.exec(value);
  return match ? { name: match[1] ?? '', description: match[2] ?? '' } : { name: value, description: '' };
}

function cssProperty(value: string): CssProperty {
  const match = /^\[(--[\w-]+)=([^\]]*)\]\s*-\s*(.*)$/.exec(value);
  if (match) return { name: match[1] ?? '', default: match[2] ?? '', description: match[3] ?? '' };
  return named(value);
}

function eventTypes(): ReadonlyMap<string, string> {
  const source = readFileSync(join(ROOT, EVENTS_MODULE), 'utf8');
  const types = new Map<string, string>();
  for (const match of source.matchAll(/export class (\w+) extends (?:Event|CinetpayEvent<\w+>) \{\s*static readonly type = '([\w-]+)'/g)) {
    types.set(match[2] ?? '', match[1] ?? '');
  }
  return types;
}

function tagNames(): ReadonlyMap<string, string> {
  const source = readFileSync(join(ROOT, DEFINE_MODULE), 'utf8');
  const tags = new Map<string, string>();
  for (const match of source.matchAll(/defineOnce\('([\w-]+)', (\w+), registry\)/g)) tags.set(match[2] ?? '', match[1] ?? '');
  return tags;
}

function reflected(source: string, field: string): boolean {
  return new RegExp(`\\b${field}: \\{[^}]*reflect: true`).test(source);
}

function elementModule(path: string, events: ReadonlyMap<string, string>, tags: ReadonlyMap<string, string>): Module {
  const source = readFileSync(join(ROOT, path), 'utf8');
  const classMatch = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export class (\w+) extends (?:Lit|Reactive)Element/.exec(source);
  if (!classMatch?.[1] || !classMatch[2]) throw new Error(`${path}: no documented "export class ... extends ReactiveElement"`);
  const className = classMatch[2];
  const tagName = tags.get(className);
  if (!tagName) throw new Error(`${DEFINE_MODULE} does not define ${className}`);
  const doc = parseComment(commentText(classMatch[1]));
  const values = (tag: string): string[] => doc.tags.filter(([name]) => name === tag).map(([, value]) => value);

  const attributes: Attribute[] = [];
  const members: Member[] = [];
  for (const match of source.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*declare (\w+): ([^;]+);/g)) {
    const field = parseComment(commentText(match[1] ?? ''));
    const name = match[2] ?? '';
    const type = { text: (match[3] ?? '').trim() };
    const attribute = field.tags.find(([tag]) => tag === 'attr')?.[1];
    const fallback = field.tags.find(([tag]) => tag === 'default')?.[1];
    const defaults = fallback === undefined ? {} : { default: fallback };
    members.push({
      kind: 'field',
      name,
      description: field.description,
      type,
      ...defaults,
      ...(attribute ? { attribute } : {}),
      ...(reflected(source, name) ? { reflects: true } : {}),
    });
    if (attribute) attributes.push({ name: attribute, fieldName: name, description: field.description, type, ...defaults });
  }
  for (const match of source.matchAll(/\/\*\* ([^*]+) \*\/\s*get (\w+)\(\): ([^{]+)\{/g)) {
    members.push({ kind: 'field', name: match[2] ?? '', description: (match[1] ?? '').trim(), type: { text: (match[3] ?? '').trim() }, readonly: true });
  }

  const declaration: ClassDeclaration = {
    kind: 'class',
    name: className,
    tagName,
    customElement: true,
    summary: values('summary')[0] ?? '',
    description: doc.description,
    superclass: { name: 'ReactiveElement', package: '@lit/reactive-element' },
    attributes,
    members,
    events: values('fires').map((value) => {
      const event = named(value);
      return { ...event, type: { text: events.get(event.name) ?? 'Event' } };
    }),
    slots: values('slot').map(named),
    cssParts: values('csspart').map(named),
    cssProperties: values('cssprop').map(cssProperty),
  };
  return {
    kind: 'javascript-module',
    path,
    declarations: [declaration],
    exports: [{ kind: 'js', name: className, declaration: { name: className, module: path } }],
  };
}

/** The manifest of the current sources. */
export function buildManifest(): Manifest {
  const events = eventTypes();
  const tags = tagNames();
  const modules = ELEMENT_MODULES.map((path) => elementModule(path, events, tags));
  const definitions: Export[] = modules.flatMap((module) =>
    module.declarations.map((declaration) => ({
      kind: 'custom-element-definition' as const,
      name: declaration.tagName,
      declaration: { name: declaration.name, module: module.path },
    })),
  );
  return {
    schemaVersion: '2.1.0',
    readme: 'docs/widget.md',
    modules: [...modules, { kind: 'javascript-module', path: DEFINE_MODULE, declarations: [], exports: definitions }],
  };
}

export function manifestText(): string {
  return `${JSON.stringify(buildManifest(), null, 2)}\n`;
}

if (isEntryPoint(import.meta.url)) {
  writeFileSync(MANIFEST_PATH, manifestText());
  console.log(`wrote ${MANIFEST_PATH}`);
}
