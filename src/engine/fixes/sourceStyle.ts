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
  let twoSpaces = 0;
  let fourSpaces = 0;
  let tabs = 0;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (/[\w)\]'"`]$/.test(trimmed) && !/^\s*(\/\/|\*|\/\*)/.test(trimmed)) statementEnds++;
    if (trimmed.endsWith(';')) withSemicolon++;
    const indentation = /^(\s+)\S/.exec(line)?.[1];
    if (!indentation) continue;
    if (indentation.startsWith('\t')) tabs++;
    else if (indentation.length % 4 === 0 && indentation.length > 2) fourSpaces++;
    else if (indentation.length % 2 === 0) twoSpaces++;
  }
  return {
    quote: doubles > singles ? '"' : "'",
    semicolons: withSemicolon >= statementEnds / 2 || withSemicolon > 0,
    indent: tabs > twoSpaces + fourSpaces ? '\t' : fourSpaces > twoSpaces ? '    ' : '  ',
    newline: sample.includes('\r\n') ? '\r\n' : '\n',
    typescript: /\.[cm]?tsx?$/.test(file),
  };
}

export function quoted(style: SourceStyle, value: string): string {
  return `${style.quote}${value.replace(/\\/g, '\\\\').split(style.quote).join(`\\${style.quote}`)}${style.quote}`;
}
