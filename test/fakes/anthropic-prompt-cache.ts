import { createHash } from 'node:crypto';

interface Block {
  cache_control?: unknown;
}

/**
 * Prompt caching as the Messages API reports it. The cached prefix runs, in the API's order,
 * through the tools, the system blocks and the messages up to the last block carrying
 * `cache_control`; it is keyed by model and its exact bytes. The first request with a prefix
 * writes it (`cache_creation_input_tokens`), later ones read it (`cache_read_input_tokens`).
 * Like the API, a prefix shorter than the minimum cacheable length is not cached at all.
 * Tokens are estimated at four characters each. Entries never expire here (the API's live 5 minutes).
 */
export class FakePromptCache {
  /** The API's minimum is 1024 to 4096 tokens by model; tests that want caching lower it. */
  minCacheableTokens = 1024;
  private readonly seen = new Set<string>();

  usage(body: {
    model?: string;
    tools?: Block[];
    system?: unknown;
    messages?: { content?: unknown }[];
  }): {
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  } {
    const none = { cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const prefix = cachedPrefix(body);
    if (prefix === null) return none;
    const tokens = Math.ceil(prefix.length / 4);
    if (tokens < this.minCacheableTokens) return none;
    const key = createHash('sha256').update(`${body.model}\n${prefix}`).digest('hex');
    if (this.seen.has(key)) return { ...none, cache_read_input_tokens: tokens };
    this.seen.add(key);
    return { ...none, cache_creation_input_tokens: tokens };
  }

  /** Every cached prefix expires (as after five idle minutes). */
  clear(): void {
    this.seen.clear();
  }

  /** Empty, with the default minimum (between tests). */
  reset(): void {
    this.clear();
    this.minCacheableTokens = 1024;
  }
}

/** The serialised blocks up to and including the last one with cache_control; null when none has it. */
function cachedPrefix(body: {
  tools?: Block[];
  system?: unknown;
  messages?: { content?: unknown }[];
}): string | null {
  const blocks: Block[] = [
    ...(body.tools ?? []),
    ...(Array.isArray(body.system)
      ? (body.system as Block[])
      : body.system
        ? [{ text: body.system } as Block]
        : []),
    ...(body.messages ?? []).flatMap((message) =>
      Array.isArray(message.content)
        ? (message.content as Block[])
        : [{ text: message.content } as Block],
    ),
  ];
  const last = blocks.map((block) => Boolean(block?.cache_control)).lastIndexOf(true);
  return last < 0 ? null : JSON.stringify(blocks.slice(0, last + 1));
}
