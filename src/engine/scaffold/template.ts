/**
 * The scaffold's template language, kept trivial on purpose:
 * - `{{name}}` is replaced by a string value (several lines allowed); a line holding only `{{name}}`
 *   disappears when the value is empty;
 * - a line holding only `{{#name}}` (or `{{^name}}`) opens a block kept when `name` is set (or not set),
 *   closed by a line holding only `{{/name}}`; blocks nest; `{{#name}}text{{/name}}` works inside a line;
 * - a line holding only `{{! comment }}` is dropped.
 * Unknown names and unclosed blocks throw, so a typo in a template fails its tests. Runs of blank lines
 * left by dropped blocks collapse to one.
 */

export type TemplateValue = string | boolean | undefined;
export type TemplateValues = Readonly<Record<string, TemplateValue>>;

export class TemplateError extends Error {}

function lookup(values: TemplateValues, name: string): TemplateValue {
  if (!Object.hasOwn(values, name)) throw new TemplateError(`unknown template value '${name}'`);
  return values[name];
}

function isSet(value: TemplateValue): boolean {
  return value !== undefined && value !== false && value !== '';
}

function text(values: TemplateValues, name: string): string {
  const value = lookup(values, name);
  if (typeof value === 'boolean') throw new TemplateError(`template value '${name}' is a flag, not text`);
  return value ?? '';
}

export function renderTemplate(template: string, values: TemplateValues): string {
  const output: string[] = [];
  const open: { name: string; keep: boolean }[] = [];
  for (const line of template.replace(/\r\n/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (/^\{\{!.*\}\}$/.test(trimmed)) continue;
    const opening = /^\{\{([#^])(\w+)\}\}$/.exec(trimmed);
    if (opening) {
      const set = isSet(lookup(values, opening[2]));
      open.push({ name: opening[2], keep: opening[1] === '#' ? set : !set });
      continue;
    }
    const closing = /^\{\{\/(\w+)\}\}$/.exec(trimmed);
    if (closing) {
      const block = open.pop();
      if (block?.name !== closing[1]) throw new TemplateError(`{{/${closing[1]}}} closes ${block ? `{{#${block.name}}}` : 'nothing'}`);
      continue;
    }
    if (!open.every((block) => block.keep)) continue;
    const alone = /^\{\{(\w+)\}\}$/.exec(trimmed);
    if (alone && text(values, alone[1]) === '') continue;
    const sectioned = line.replace(/\{\{([#^])(\w+)\}\}(.*?)\{\{\/\2\}\}/g, (_, kind: string, name: string, inner: string) => (isSet(lookup(values, name)) === (kind === '#') ? inner : ''));
    if (/\{\{(?!\w+\}\})/.test(sectioned)) throw new TemplateError(`malformed template line: ${line}`);
    output.push(sectioned.replace(/\{\{(\w+)\}\}/g, (_, name: string) => text(values, name)));
  }
  if (open.length > 0) throw new TemplateError(`{{#${open[open.length - 1].name}}} is never closed`);
  const lines = output.join('\n').split('\n');
  const collapsed: string[] = [];
  for (const line of lines) {
    const blank = line.trim() === '';
    if (blank && (collapsed.length === 0 || collapsed[collapsed.length - 1].trim() === '')) continue;
    collapsed.push(blank ? '' : line.trimEnd());
  }
  while (collapsed.length > 0 && collapsed[collapsed.length - 1] === '') collapsed.pop();
  return `${collapsed.join('\n')}\n`;
}
