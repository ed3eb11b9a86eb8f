/**
 * Messages of graphql-js, GraphQL Armor and Apollo about the request's own limits, said in this
 * API's words: which limit, its figure and how to stay within it. Theirs reach clients as
 * "Syntax Error: Aliases limit…" (not a syntax error), "more that 2000 tokens" (sic), "[Suggestion
 * hidden]?" and "pass introspection: true to ApolloServer" (a setting no client can touch).
 */

export const INTROSPECTION_OFF =
  'Introspection is off on this server; start it with GRAPHQL_INTROSPECTION=true to allow __schema and __type (it is off by default under NODE_ENV=production).';

interface Rewrite {
  pattern: RegExp;
  message: (m: RegExpExecArray) => string;
  /** Added to the error's extensions. */
  extensions?: (m: RegExpExecArray) => Record<string, unknown>;
}

const REWRITES: Rewrite[] = [
  { pattern: /^GraphQL introspection is not allowed by Apollo Server/, message: () => INTROSPECTION_OFF },
  {
    pattern: /^Syntax Error: Document contains more that (\d+) tokens/,
    message: (m) =>
      `A query may have at most ${m[1]} tokens, but this one has more than ${m[1]} tokens; parsing stopped there.`,
    extensions: (m) => ({ limit: Number(m[1]) }),
  },
  {
    pattern: /^(?:Syntax Error: )?Aliases limit of (\d+) exceeded, found (\d+)/,
    message: (m) => `A query may have at most ${m[1]} aliases, but this one has ${m[2]}.`,
    extensions: (m) => ({ limit: Number(m[1]) }),
  },
  {
    pattern: /^(?:Syntax Error: )?Query depth limit of (\d+) exceeded, found (\d+)/,
    message: (m) => `A query may nest fields at most ${m[1]} deep, but this one goes ${m[2]} deep.`,
    extensions: (m) => ({ limit: Number(m[1]) }),
  },
  {
    // graphql-js compares the fields of a selection pair by pair within a budget, and stops with
    // this bare sentence when a query spends it (one field written a thousand times).
    pattern: /^Validation aborted\.$/,
    message: () =>
      'A query may not repeat or overlap the same fields so often that checking them takes too long (graphql-js compares the fields of a selection pair by pair, within a budget); this one does: write each field once.',
    extensions: () => ({ limit: 'OVERLAPPING_FIELDS' }),
  },
  {
    pattern: /^Too many validation errors, error limit reached\. Validation aborted\.$/,
    message: () =>
      'A query is checked until it has 100 errors, and this one has more: mend those listed and ask again.',
    extensions: () => ({ limit: 100 }),
  },
  {
    pattern: /^(?:Syntax Error: )?Directives limit of (\d+) exceeded, found (\d+)/,
    message: (m) => `A query may have at most ${m[1]} directives, but this one has ${m[2]}.`,
    extensions: (m) => ({ limit: Number(m[1]) }),
  },
];

/** A masked "Did you mean …?" (field suggestions are not given to probers). */
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\]\??)/g;

/** The message and extra extensions a limit error is answered with; undefined when it is none. */
export function limitMessage(message: string): { message: string; extensions: Record<string, unknown> } | undefined {
  for (const r of REWRITES) {
    const m = r.pattern.exec(message);
    if (m) return { message: r.message(m), extensions: r.extensions?.(m) ?? {} };
  }
  const unsuggested = message.replace(SUGGESTION, '');
  return unsuggested === message ? undefined : { message: unsuggested, extensions: {} };
}
