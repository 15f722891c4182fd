import { Injectable, Logger } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ApiKeyScope } from '../auth/api-key.entity.js';
import { APP_VERSION } from '../common/app-version.js';
import { ConsciousnessService } from '../consciousness/consciousness.service.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { registerContent } from './mcp-content.js';
import {
  type CallerOf,
  callerFromAuthInfo,
  type PaiTool,
  runTool,
  type ToolCall,
  toolAllowed,
} from './mcp-tool.js';
import { SharedServerTransport } from './shared-server-transport.js';
import { insightTools } from './tools/insight-tools.js';
import { taskTools } from './tools/task-tools.js';
import { thoughtTools } from './tools/thought-tools.js';

const INSTRUCTIONS =
  "PAI is the user's long-term memory: thoughts they captured, tasks, task suggestions found in their thoughts, and periodic " +
  "insights. Search it before answering questions about the user's plans, ideas or past notes; capture only what the user asks " +
  "you to remember. Dates are in the user's time zone (get_profile).";

/**
 * The MCP servers: each offers only the tools, resources and prompts a key scope allows, and
 * takes who calls from each request, never from itself. Plain requests (nearly every call)
 * go to one long-lived server per scope over a SharedServerTransport; the rest (initialize,
 * batches, notifications, odd headers) to a server built for that request, connected to the
 * SDK's Streamable HTTP transport. Tool definitions and their schemas are built once.
 */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('Mcp');
  private readonly tools: { tool: PaiTool; input: z.ZodObject; output: z.ZodObject }[];
  // The SDK builds an Ajv instance per server unless given one; it is only used for elicitation.
  private readonly validator = new AjvJsonSchemaValidator();
  private readonly shared = new Map<ApiKeyScope, Promise<SharedServerTransport>>();

  constructor(
    thoughts: ThoughtsService,
    private readonly tasks: TasksService,
    private readonly suggestions: SuggestionsService,
    private readonly consciousness: ConsciousnessService,
    private readonly profiles: ProfilesService,
  ) {
    // Strict input, as the REST API rejects unknown body fields: a misspelt argument is an error, not ignored.
    this.tools = [
      ...thoughtTools(thoughts, profiles),
      ...taskTools(tasks, suggestions),
      ...insightTools(consciousness, profiles),
    ].map((tool) => ({
      tool,
      input: z.strictObject(tool.input),
      output: z.object(tool.output),
    }));
  }

  /**
   * The transport of this scope's long-lived server, built on first use. Requests reach it
   * with their caller as `extra.authInfo` (see callerInfo).
   */
  sharedTransport(scope: ApiKeyScope): Promise<SharedServerTransport> {
    let transport = this.shared.get(scope);
    if (!transport) {
      transport = SharedServerTransport.connect(this.build(scope, callerFromAuthInfo));
      this.shared.set(scope, transport);
    }
    return transport;
  }

  /**
   * A server for one request, acting for this caller whatever the request carries.
   * `onlyTool`: the request is a tools/call of that tool, so the server needs nothing else
   * (registering every tool, resource and prompt costs about half a millisecond); a call that
   * names a tool this key may not use still gets the full server, so its error is the SDK's
   * usual "tool not found".
   */
  create(call: ToolCall, onlyTool?: string): McpServer {
    return this.build(call.auth.scope, () => call, onlyTool);
  }

  private build(scope: ApiKeyScope, callerOf: CallerOf, onlyTool?: string): McpServer {
    const server = new McpServer(
      { name: 'pai', title: 'PAI: your thoughts as memory', version: APP_VERSION },
      { instructions: INSTRUCTIONS, jsonSchemaValidator: this.validator },
    );
    const allowed = this.tools.filter(({ tool }) => toolAllowed(tool, scope));
    const single =
      onlyTool === undefined ? undefined : allowed.find(({ tool }) => tool.name === onlyTool);
    for (const { tool, input, output } of single ? [single] : allowed) {
      server.registerTool(
        tool.name,
        {
          title: tool.title,
          description: tool.description,
          inputSchema: input,
          outputSchema: output,
          annotations: { title: tool.title, ...tool.annotations },
        },
        (args: unknown, extra) => runTool(tool, args, callerOf(extra), this.logger),
      );
    }
    if (!single && scope !== 'capture') {
      registerContent(
        server,
        {
          tasks: this.tasks,
          suggestions: this.suggestions,
          consciousness: this.consciousness,
          profiles: this.profiles,
        },
        (extra) => callerOf(extra).auth.userId,
      );
    }
    return server;
  }
}
