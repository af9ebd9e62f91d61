import { isIsoDate, unprocessable } from '@konecta/core';
import { minorOf, type ParsedStatement, type StatementLineInput } from './statement-file';

/**
 * A small, strict reading of XML: elements, attributes, text, CDATA; comments, the declaration and
 * processing instructions skipped; no DTD. Namespace prefixes are dropped from names (camt.053 is
 * one namespace). Anything malformed is refused with its line number.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlError(line: number, message: string): never {
  throw unprocessable(`Line ${line}: ${message}`, [{ path: 'content', message: `Line ${line}: ${message}` }]);
}

function decode(text: string, line: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (m, ref: string | undefined) => {
    if (!ref) return xmlError(line, 'a bare “&” (write &amp;).');
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const v = ENTITIES[ref];
    if (v === undefined) return xmlError(line, `unknown entity ${m}.`);
    return v;
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export function parseXml(text: string): XmlElement {
  let i = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    const top = stack[stack.length - 1];
    if (chunk.trim()) {
      if (!top) xmlError(line, 'text outside the root element.');
      top.text += decode(chunk, line);
    }
    advance(lt < 0 ? text.length : lt);
    if (lt < 0) break;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) xmlError(line, 'a comment is never closed.');
      advance(end + 3);
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) xmlError(line, 'a declaration is never closed.');
      advance(end + 2);
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0 || !top) xmlError(line, 'a CDATA section is never closed or outside an element.');
      top.text += text.slice(i + 9, end);
      advance(end + 3);
    } else if (text.startsWith('<!', i)) {
      xmlError(line, 'document type declarations are not accepted.');
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      const name = localName(text.slice(i + 2, end).trim());
      if (end < 0 || !top) xmlError(line, 'a closing tag without an opening one.');
      if (top.name !== name) xmlError(line, `</${name}> closes <${top.name}>.`);
      stack.pop();
      advance(end + 1);
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(
        text.slice(i),
      );
      if (!m) xmlError(line, 'a malformed tag.');
      const attributes: Record<string, string> = {};
      for (const a of (m[2] ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attributes[localName(a[1] as string)] = decode(a[2] ?? a[3] ?? '', line);
      const el: XmlElement = { name: localName(m[1] as string), attributes, children: [], text: '', line };
      if (top) top.children.push(el);
      else if (root) xmlError(line, 'more than one root element.');
      else root = el;
      if (!m[3]) stack.push(el);
      advance(i + m[0].length);
    }
  }
  const open = stack[stack.length - 1];
  if (open) xmlError(line, `<${open.name}> (line ${open.line}) is never closed.`);
  if (!root) xmlError(line, 'the file holds no XML element.');
  return root;
}

const child = (el: XmlElement | undefined, ...path: string[]): XmlElement | undefined =>
  path.reduce<XmlElement | undefined>((at, name) => at?.children.find((c) => c.name === name), el);
const children = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
const textOf = (el: XmlElement | undefined, ...path: string[]) => child(el, ...path)?.text.trim() || undefined;

/** A date or date-time element's date (`Dt` or `DtTm`). */
function dateOf(el: XmlElement | undefined): string | undefined {
  const d = textOf(el, 'Dt') ?? textOf(el, 'DtTm')?.slice(0, 10);
  return d && isIsoDate(d) ? d : undefined;
}

/** An `Amt` with its `CdtDbtInd` as signed minor units in the statement's currency. */
function signedAmount(holder: XmlElement, currency: string, what: string): bigint {
  const amt = child(holder, 'Amt');
  if (!amt) xmlError(holder.line, `the ${what} has no Amt.`);
  const ccy = amt.attributes.Ccy;
  if (ccy !== currency) xmlError(amt.line, `the ${what} is in ${ccy ?? 'no currency'}, the statement in ${currency}.`);
  const indicator = textOf(holder, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT')
    xmlError(holder.line, `the ${what}'s CdtDbtInd is neither CRDT nor DBIT.`);
  const amount = amt.text.trim();
  if (!/^\d{1,15}(\.\d{1,5})?$/.test(amount)) xmlError(amt.line, `the ${what}'s amount “${amount}” is not a number.`);
  let minor: bigint;
  try {
    minor = minorOf(amount, currency);
  } catch (err) {
    return xmlError(amt.line, (err as Error).message);
  }
  return indicator === 'DBIT' ? -minor : minor;
}

/** An ISO 20022 camt.053 bank-to-customer statement: its first Stmt, balances OPBD and CLBD, and Ntry lines. */
export function parseCamt053(text: string, currency: string): ParsedStatement {
  const doc = parseXml(text.replace(/^\uFEFF/, ''));
  const stmt = child(doc, 'BkToCstmrStmt', 'Stmt');
  if (doc.name !== 'Document' || !stmt)
    xmlError(doc.line, 'this is not a camt.053 document (Document/BkToCstmrStmt/Stmt).');
  const acctCcy = textOf(stmt, 'Acct', 'Ccy');
  if (acctCcy && acctCcy !== currency)
    xmlError(stmt.line, `the statement's account is in ${acctCcy}, the bank account in ${currency}.`);
  const balance = (code: string) => {
    const bal = children(stmt, 'Bal').find((b) => textOf(b, 'Tp', 'CdOrPrtry', 'Cd') === code);
    if (!bal) return xmlError(stmt.line, `the statement has no ${code} balance.`);
    return { amount: signedAmount(bal, currency, `${code} balance`), date: dateOf(child(bal, 'Dt')) };
  };
  const opening = balance('OPBD');
  const closing = balance('CLBD');
  const lines: StatementLineInput[] = children(stmt, 'Ntry').map((ntry) => {
    const date = dateOf(child(ntry, 'BookgDt')) ?? dateOf(child(ntry, 'ValDt'));
    if (!date) return xmlError(ntry.line, 'the entry has no BookgDt.');
    const details = child(ntry, 'NtryDtls', 'TxDtls');
    const ustrd = [...children(child(details, 'RmtInf'), 'Ustrd'), ...children(child(ntry, 'RmtInf'), 'Ustrd')]
      .map((u) => u.text.trim())
      .filter(Boolean);
    const description = ustrd.join(' ') || textOf(ntry, 'AddtlNtryInf') || textOf(details, 'AddtlTxInf') || '';
    return {
      date,
      description,
      reference:
        textOf(ntry, 'NtryRef') ?? textOf(ntry, 'AcctSvcrRef') ?? textOf(details, 'Refs', 'EndToEndId') ?? null,
      amount: signedAmount(ntry, currency, 'entry'),
      sourceLine: ntry.line,
    };
  });
  if (!lines.length) xmlError(stmt.line, 'the statement has no entries (Ntry).');
  const dates = lines.map((l) => l.date).sort();
  const period = (name: string) => {
    const d = textOf(stmt, 'FrToDt', name)?.slice(0, 10);
    return d && isIsoDate(d) ? d : undefined;
  };
  return {
    reference: textOf(stmt, 'Id') ?? null,
    currency,
    startDate: period('FrDtTm') ?? (dates[0] as string),
    endDate: period('ToDtTm') ?? closing.date ?? (dates[dates.length - 1] as string),
    openingBalance: opening.amount,
    closingBalance: closing.amount,
    lines,
  };
}
