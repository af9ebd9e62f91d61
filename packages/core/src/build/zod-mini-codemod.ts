/**
 * `npx tsx packages/core/src/build/zod-mini-codemod.ts <file.ts>...`: rewrites zod classic method
 * chains (`z.string().trim().max(80).optional().openapi({...})`) into the functional `zod/mini`
 * form the kernel exports (`z.openapi(z.optional(z.string().check(z.trim(), z.maxLength(80))), {...})`).
 * Which calls are zod schemas is decided by the type checker, so it must run while the files
 * still typecheck against zod classic (before their imports are switched). Used to move the
 * services to zod/mini (issue 11); kept for converting a package written in the classic style.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

const WRAPPERS: Record<string, (r: string, a: string[]) => string> = {
  optional: (r) => `z.optional(${r})`,
  nullable: (r) => `z.nullable(${r})`,
  nullish: (r) => `z.nullish(${r})`,
  array: (r) => `z.array(${r})`,
  default: (r, a) => `z._default(${r}, ${a.join(', ')})`,
  catch: (r, a) => `z.catch(${r}, ${a.join(', ')})`,
  transform: (r, a) => `z.pipe(${r}, z.transform(${a.join(', ')}))`,
  pipe: (r, a) => `z.pipe(${r}, ${a.join(', ')})`,
  extend: (r, a) => `z.extend(${r}, ${a.join(', ')})`,
  merge: (r, a) => `z.extend(${r}, (${a[0]}).shape)`,
  partial: (r, a) => `z.partial(${[r, ...a].join(', ')})`,
  omit: (r, a) => `z.omit(${r}, ${a.join(', ')})`,
  pick: (r, a) => `z.pick(${r}, ${a.join(', ')})`,
  openapi: (r, a) => `z.openapi(${r}, ${a.join(', ')})`,
  describe: (r, a) => `z.openapi(${r}, { description: ${a[0]} })`,
};
const STRING_CHECKS: Record<string, string> = {
  min: 'minLength',
  max: 'maxLength',
  length: 'length',
  regex: 'regex',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  includes: 'includes',
  trim: 'trim',
  toLowerCase: 'toLowerCase',
  toUpperCase: 'toUpperCase',
  nonempty: 'minLength',
};
const NUMBER_CHECKS: Record<string, string> = {
  min: 'gte',
  max: 'lte',
  gte: 'gte',
  lte: 'lte',
  gt: 'gt',
  lt: 'lt',
  positive: 'positive',
  nonnegative: 'nonnegative',
  negative: 'negative',
  multipleOf: 'multipleOf',
};
/** String formats: a schema of their own at the root, a check after other checks. */
const FORMATS: Record<string, string> = {
  email: 'z.email',
  uuid: 'z.uuid',
  url: 'z.url',
  datetime: 'z.iso.datetime',
  date: 'z.iso.date',
};

function convertFile(checker: ts.TypeChecker, sf: ts.SourceFile): string {
  const text = sf.getFullText();
  const isZod = (node: ts.Expression) => {
    const type = checker.getTypeAtLocation(node);
    return !!type.getProperty('_zod');
  };
  const kindOf = (node: ts.Expression): 'number' | 'other' => {
    const name = checker.typeToString(checker.getTypeAtLocation(node));
    return /^Zod(Coerced)?(Number|Int|Float|BigInt|NumberFormat)/.test(name) ? 'number' : 'other';
  };

  function plain(node: ts.Node): string {
    let out = '';
    let pos = node.getStart(sf);
    node.forEachChild((child) => {
      out += text.slice(pos, child.getStart(sf));
      out += emit(child);
      pos = child.getEnd();
    });
    return out + text.slice(pos, node.getEnd());
  }

  /** `R.m(args)` with R a zod schema and m a classic method, innermost first. */
  function chain(
    node: ts.Node,
  ): { root: ts.Expression; calls: { name: string; args: ts.Expression[]; on: ts.Expression }[] } | undefined {
    const calls: { name: string; args: ts.Expression[]; on: ts.Expression }[] = [];
    let cur: ts.Node = node;
    while (
      ts.isCallExpression(cur) &&
      ts.isPropertyAccessExpression(cur.expression) &&
      isConvertible(cur.expression.name.text) &&
      isZod(cur.expression.expression)
    ) {
      calls.unshift({ name: cur.expression.name.text, args: [...cur.arguments], on: cur.expression.expression });
      cur = cur.expression.expression;
    }
    return calls.length ? { root: cur as ts.Expression, calls } : undefined;
  }

  function isConvertible(name: string) {
    return (
      name in WRAPPERS ||
      name in STRING_CHECKS ||
      name in NUMBER_CHECKS ||
      name in FORMATS ||
      ['int', 'strict', 'passthrough', 'refine', 'superRefine'].includes(name)
    );
  }

  function emit(node: ts.Node): string {
    const c = chain(node);
    if (!c) return plain(node);
    // `z\n  .object(` → `z.object(`, so the root reads as one call (the formatter lays it out again).
    let expr = emit(c.root).replace(/^z(?:\s*\.\s*[A-Za-z_$]+)+/, (m) => m.replace(/\s+/g, ''));
    let checks: string[] = [];
    const flush = () => {
      if (checks.length) expr = `${expr}.check(${checks.join(', ')})`;
      checks = [];
    };
    const bareRoot = (re: RegExp) => !checks.length && re.test(expr);
    for (const call of c.calls) {
      const args = call.args.map((a) => emit(a));
      const kind = kindOf(call.on);
      if (call.name in FORMATS) {
        const fn = FORMATS[call.name];
        if (bareRoot(/^z\.string\(\)$/)) expr = `${fn}(${args.join(', ')})`;
        else checks.push(`${fn}(${args.join(', ')})`);
      } else if (call.name === 'int') {
        if (bareRoot(/^z\.number\(\)$/)) expr = `z.int(${args.join(', ')})`;
        else checks.push(`z.int(${args.join(', ')})`);
      } else if (kind === 'number' && call.name in NUMBER_CHECKS) {
        checks.push(`z.${NUMBER_CHECKS[call.name]}(${args.join(', ')})`);
      } else if (call.name in STRING_CHECKS) {
        const a = call.name === 'nonempty' ? ['1', ...args] : args;
        checks.push(`z.${STRING_CHECKS[call.name]}(${a.join(', ')})`);
      } else if (call.name === 'refine' || call.name === 'superRefine') {
        checks.push(`z.${call.name}(${args.join(', ')})`);
      } else if (call.name === 'strict' || call.name === 'passthrough') {
        flush();
        const loose = call.name === 'passthrough';
        if (/^z\.object\(/.test(expr) && balanced(expr.slice('z.object'.length)))
          expr = `z.${loose ? 'looseObject' : 'strictObject'}${expr.slice('z.object'.length)}`;
        else expr = `z.catchall(${expr}, ${loose ? 'z.unknown()' : 'z.never()'})`;
      } else {
        flush();
        const wrap = WRAPPERS[call.name];
        if (!wrap) throw new Error(`no rule for .${call.name}() at ${sf.fileName}:${pos(call.on)}`);
        expr = wrap(expr, args);
      }
    }
    flush();
    return expr;
  }

  const pos = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  return text.slice(0, sf.getStart(sf)) + plain(sf).replace(/^/, '');
}

/** Whether `(…)` is one balanced parenthesised group (so `z.object(…)` is the whole expression). */
function balanced(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

const files = process.argv.slice(2).map((f) => resolve(f));
const config = ts.readConfigFile(resolve('tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, resolve('.'));
const program = ts.createProgram({ rootNames: files, options: parsed.options });
const checker = program.getTypeChecker();
for (const file of files) {
  const sf = program.getSourceFile(file);
  if (!sf) throw new Error(`not in the program: ${file}`);
  const out = convertFile(checker, sf);
  if (out !== readFileSync(file, 'utf8')) {
    writeFileSync(file, out);
    console.log(`converted ${file}`);
  }
}
