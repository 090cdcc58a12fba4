/** How a file is written, so inserted code looks like its neighbours. */
export interface SourceStyle {
  quote: "'" | '"';
  semicolons: boolean;
  indent: string;
  newline: '\n' | '\r\n';
  typescript: boolean;
}

export function detectStyle(file: string, text: string): SourceStyle {
  const sample = text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text;
  const singles = (sample.match(/'[^'\n]*'/g) ?? []).length;
  const doubles = (sample.match(/"[^"\n]*"/g) ?? []).length;
  const lines = sample.split(/\r?\n/);
  let withSemicolon = 0;
  let statementEnds = 0;
  // The indent unit is the most common step by which a line is indented deeper than the one before it.
  const steps = new Map<string, number>();
  let previous = '';
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (/[\w)\]'"`]$/.test(trimmed) && !/^\s*(\/\/|\*|\/\*)/.test(trimmed)) statementEnds++;
    if (trimmed.endsWith(';')) withSemicolon++;
    if (trimmed === '' || /^\s*\*/.test(line)) continue;
    const indentation = /^[ \t]*/.exec(line)![0];
    if (indentation.length > previous.length && indentation.startsWith(previous)) {
      const step = indentation.slice(previous.length);
      steps.set(step, (steps.get(step) ?? 0) + 1);
    }
    previous = indentation;
  }
  const [unit] = [...steps].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0] ?? ['  '];
  return {
    quote: doubles > singles ? '"' : "'",
    semicolons: withSemicolon >= statementEnds / 2 || withSemicolon > 0,
    indent: unit === '\t' || /^ {2,8}$/.test(unit) ? unit : '  ',
    newline: sample.includes('\r\n') ? '\r\n' : '\n',
    typescript: /\.[cm]?tsx?$/.test(file),
  };
}

export function quoted(style: SourceStyle, value: string): string {
  return `${style.quote}${value.replace(/\\/g, '\\\\').split(style.quote).join(`\\${style.quote}`)}${style.quote}`;
}
