import { findHostileInput } from '../common/validation/hostile-input.js';
import { HttpException, type Logger } from '@nestjs/common';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ApiKeyScope, NarrowKeyScope } from '../auth/api-key.entity.js';
import type { AuthContext } from '../auth/auth-context.js';
import { DomainError } from '../common/errors/domain-errors.js';

export interface ToolCall {
  auth: AuthContext;
  requestId: string;
}

/** How a handler finds its request's caller in the SDK's per-request `extra`. */
export type CallerOf = (extra: { authInfo?: AuthInfo }) => ToolCall;

// Only AuthInfo objects made by callerInfo carry a caller, under a key no other code holds:
// whatever else reaches a handler as `authInfo` (the SDK's transport passes the Express
// request's `auth` along) finds none.
const CALLER = Symbol('pai.mcp.caller');
type CallerInfo = AuthInfo & { [CALLER]?: ToolCall };

/**
 * The caller as the SDK's AuthInfo, to hand a shared server with the request (the SDK gives
 * it to that request's handlers as `extra.authInfo`).
 */
export function callerInfo(call: ToolCall): AuthInfo {
  const info: CallerInfo = { token: '', clientId: call.auth.keyId, scopes: [call.auth.scope] };
  info[CALLER] = call;
  return info;
}

/** The caller callerInfo attached to this request; a request without one is a bug, not a guest. */
export const callerFromAuthInfo: CallerOf = (extra) => {
  const call = (extra.authInfo as CallerInfo | undefined)?.[CALLER];
  if (!call) throw new Error('MCP request without a caller');
  return call;
};

export interface ToolOutcome<O> {
  /** What the model reads. */
  text: string;
  /** The same, for programs: the SDK validates it against the tool's output schema. */
  data: O;
}

/** One MCP tool: its schemas, its words for a model, and the service calls behind it. */
export interface PaiTool<
  I extends z.ZodRawShape = z.ZodRawShape,
  O extends z.ZodRawShape = z.ZodRawShape,
> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Required<
    Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint'>
  > &
    ToolAnnotations;
  /** The narrow key scope that may see and call it besides `user` and `admin` (none: only those). */
  narrowScope?: NarrowKeyScope;
  // Typed loosely: the REST response DTOs are classes without the index signature loose schemas infer.
  run(args: z.infer<z.ZodObject<I>>, call: ToolCall): Promise<ToolOutcome<object>>;
}

/** Builds a tool with its argument types inferred from its schemas. */
export const defineTool = <I extends z.ZodRawShape, O extends z.ZodRawShape>(
  tool: PaiTool<I, O>,
): PaiTool<I, O> => tool;

/** The same rule as the REST guard: narrow keys only where the tool names their scope. */
export function toolAllowed(tool: Pick<PaiTool, 'narrowScope'>, scope: ApiKeyScope): boolean {
  return scope === 'user' || scope === 'admin' || tool.narrowScope === scope;
}

/**
 * Runs a tool; every failure becomes an MCP tool error (isError) carrying the contract's
 * message. Only messages we wrote reach the model: anything unexpected is logged and
 * reported by request id, as a REST 500 would be.
 */
export async function runTool(
  tool: PaiTool,
  args: unknown,
  call: ToolCall,
  logger: Logger,
): Promise<CallToolResult> {
  // The body parser leaves tool arguments to us (see installBodyParsing): the same limits, as a tool error.
  const hostile = findHostileInput(args);
  if (hostile) return toolError(hostile.message);
  try {
    const outcome = await tool.run(args as never, call);
    return {
      content: [{ type: 'text', text: outcome.text }],
      structuredContent: outcome.data as Record<string, unknown>,
    };
  } catch (error) {
    return toolError(errorMessage(error, tool.name, call, logger));
  }
}

export const toolError = (message: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: message }],
});

export function errorMessage(error: unknown, what: string, call: ToolCall, logger: Logger): string {
  if (error instanceof DomainError) return error.message;
  if (error instanceof HttpException && error.getStatus() < 500) {
    const body = error.getResponse();
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return Array.isArray(raw) ? String(raw[0]) : typeof raw === 'string' ? raw : error.message;
  }
  logger.error({ err: error, request_id: call.requestId, tool: what }, 'MCP tool failed');
  return `internal server error (request id ${call.requestId})`;
}
