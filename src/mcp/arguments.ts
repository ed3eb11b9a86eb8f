/**
 * Tool arguments and errors as a chat window shows them. The MCP SDK refuses arguments that do
 * not fit a tool's schema with its own English text (MCP error -32602 …), while a tool's own
 * refusals were JSON: two shapes for one thing. Here the SDK lets every call through
 * (CheckingMcpServer) and the tool checks its own arguments and refuses, in one shape for every
 * tool and every cause:
 *
 *   { "error": { "code": "BAD_ARGUMENT" | "NOT_FOUND" | "INTERNAL_ERROR", "message": "…中文…",
 *                "argument": "…", "didYouMean": ["…"] } }
 *
 * A tool name no tool has is refused in it too, with the names meant.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';

export type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };

export type ToolErrorCode = 'BAD_ARGUMENT' | 'NOT_FOUND' | 'INTERNAL_ERROR';

/** A chat window reads compact JSON: no indentation (it was a third of an answer's bytes). */
export const answer = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value) }] });

export function refusal(
  code: ToolErrorCode,
  message: string,
  more: { argument?: string; didYouMean?: string[] } = {},
): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify({ error: { code, message, ...more } }) }], isError: true };
}

/** What each argument is, in Chinese, for the messages that ask for it. */
export type Described<S extends z.ZodRawShape> = { [K in keyof S]: string };

/**
 * An MCP server whose tools check their own arguments (`checked`): the SDK lists each tool's
 * schema as written (types, descriptions, what is required) but passes every call through.
 * The SDK does not let a server turn its check off, so this replaces its private
 * validateToolInput (SDK 1.32, pinned); test/mcp.test.ts fails if that stops working, for the
 * SDK's English refusals would come back.
 */
export class CheckingMcpServer extends McpServer {
  /** @param toolFailed told a tool's failure in full; the chat hears a fixed sentence. */
  constructor(
    info: ConstructorParameters<typeof McpServer>[0],
    readonly toolFailed: (message: string) => void = () => {},
  ) {
    super(info);
  }
}
Object.defineProperty(CheckingMcpServer.prototype, 'validateToolInput', {
  value: async (_tool: unknown, args: unknown) => args ?? {},
});

/**
 * What the SDK answers itself, as a tool result with its English text (its private
 * createToolError, replaced as above): a tool name no tool has, said with the names meant, and a
 * tool's failure, said in a fixed sentence (the failure itself goes to `toolFailed`, the log).
 */
Object.defineProperty(CheckingMcpServer.prototype, 'createToolError', {
  value(
    this: { toolFailed: (message: string) => void; _registeredTools: Record<string, unknown> },
    message: string,
  ): ToolResult {
    // Names of any form (empty, with spaces, an Object method such as toString, which reads as disabled).
    const unknown = /Tool (.*) (?:not found|disabled)$/.exec(message)?.[1];
    if (unknown === undefined) {
      this.toolFailed(message);
      return refusal('INTERNAL_ERROR', '服务内部出错，本次未能回答；请稍后再试，或换一种问法。');
    }
    const tools = Object.keys(this._registeredTools).filter((name) => Object.hasOwn(this._registeredTools, name));
    const meant = nearest(unknown, tools);
    return refusal(
      'NOT_FOUND',
      `没有名为“${unknown}”的工具${meant.length ? `，您是否要用 ${meant.join('或')}` : ''}。可用的工具：${tools.join('、')}。`,
      { argument: 'name', ...(meant.length ? { didYouMean: meant } : {}) },
    );
  },
});

const TYPES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '对象',
  array: '列表',
};

/** Why a value was refused, in Chinese, from the check's issue (zod's own text is English). */
export function issueInChinese(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPES[issue.expected] ?? issue.expected}`;
    case 'too_big': {
      const most = String(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${most} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `不能多于 ${most} 项`;
      return issue.inclusive ? `不能大于 ${most}` : `须小于 ${most}`;
    }
    case 'too_small': {
      const least = String(issue.minimum);
      if (issue.origin === 'string') return issue.minimum === 1 ? '不能为空' : `至少 ${least} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${least} 项`;
      return issue.inclusive ? `不能小于 ${least}` : `须大于 ${least}`;
    }
    case 'invalid_value':
      return `须为以下之一：${issue.values.map(String).join('、')}`;
    case 'unrecognized_keys':
      return `没有名为 ${issue.keys.join('、')} 的项`;
    case 'custom':
      // Our own refinements say it in Chinese already.
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不对';
    default:
      return '格式不对';
  }
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const kept = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
      previous = kept;
    }
  }
  return row[b.length];
}

/** The known names nearest to `name`, nearest first, those close enough to be what was meant. */
export function nearest(name: string, known: readonly string[], most = 3): string[] {
  // computingSpendYuan ~ computePurchaseYuan: words in common count as much as letters.
  const words = (s: string) => new Set(s.split(/(?=[A-Z])|_/).map((w) => w.toLowerCase().slice(0, 5)));
  const mine = words(name);
  const shared = (k: string) => [...words(k)].filter((w) => mine.has(w)).length;
  const limit = Math.max(3, Math.floor(name.length / 2));
  return known
    .map((k) => ({ k, d: distance(name, k) - 3 * shared(k) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d)
    .slice(0, most)
    .map((x) => x.k);
}

/** The known name nearest to `name`, when one is close enough. */
export const closest = (name: string, known: readonly string[]): string | undefined => nearest(name, known, 1)[0];

/**
 * The arguments as the tool takes them, or its refusal: an unknown name (with the known one
 * meant), a missing one (saying what to give), or a value it cannot take.
 */
export function checked<S extends z.ZodRawShape>(
  given: Record<string, unknown>,
  shape: S,
  described: Described<S>,
): { ok: z.infer<z.ZodObject<S>> } | { refused: ToolResult } {
  const known = Object.keys(shape);
  const what = (name: string) => described[name as keyof S];
  for (const name of Object.keys(given)) {
    if (known.includes(name)) continue;
    const meant = closest(name, known);
    return {
      refused: refusal(
        'BAD_ARGUMENT',
        `没有名为 ${name} 的参数${meant ? `，您是否要用 ${meant}（${what(meant)}）` : ''}。可用的参数：${known.join('、')}。`,
        { argument: name, ...(meant ? { didYouMean: [meant] } : {}) },
      ),
    };
  }
  const ok: Record<string, unknown> = {};
  for (const name of known) {
    const parsed = (shape[name] as z.ZodType).safeParse(given[name]);
    if (parsed.success) {
      if (parsed.data !== undefined) ok[name] = parsed.data;
      continue;
    }
    if (given[name] === undefined)
      return { refused: refusal('BAD_ARGUMENT', `缺少参数 ${name}：请提供${what(name)}。`, { argument: name }) };
    // A field inside the argument (profile.equityInvestmentYuan) is named, with its own value.
    const issue = parsed.error.issues[0];
    const inside = issue?.code === 'unrecognized_keys' ? [] : (issue?.path ?? []);
    const argument = [name, ...inside.map(String)].join('.');
    const value = inside.reduce<unknown>(
      (v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key],
      given[name],
    );
    const said = inside.length ? `参数 ${argument}` : `参数 ${name}（${what(name)}）`;
    const message = `${said}的值 ${JSON.stringify(value)?.slice(0, 80)} 不可用：${issue ? issueInChinese(issue) : '格式不对'}。`;
    return { refused: refusal('BAD_ARGUMENT', message, { argument }) };
  }
  return { ok: ok as z.infer<z.ZodObject<S>> };
}
