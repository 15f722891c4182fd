import { Injectable, Logger } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { AuthContext } from '../auth/auth-context.js';
import { APP_VERSION } from '../common/app-version.js';
import { ConsciousnessService } from '../consciousness/consciousness.service.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { registerContent } from './mcp-content.js';
import { type PaiTool, runTool, toolAllowed } from './mcp-tool.js';
import { insightTools } from './tools/insight-tools.js';
import { taskTools } from './tools/task-tools.js';
import { thoughtTools } from './tools/thought-tools.js';

const INSTRUCTIONS =
  "PAI is the user's long-term memory: thoughts they captured, tasks, task suggestions found in their thoughts, and periodic " +
  "insights. Search it before answering questions about the user's plans, ideas or past notes; capture only what the user asks " +
  "you to remember. Dates are in the user's time zone (get_profile).";

/**
 * One MCP server per request (stateless Streamable HTTP): it knows the caller, and offers
 * only the tools, resources and prompts the caller's key scope allows. Tool definitions and
 * their schemas are built once; a request only registers them.
 */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('Mcp');
  private readonly tools: { tool: PaiTool; input: z.ZodObject; output: z.ZodObject }[];
  // The SDK builds an Ajv instance per server unless given one; it is only used for elicitation.
  private readonly validator = new AjvJsonSchemaValidator();

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
   * `onlyTool`: the request is a tools/call of that tool, so the server needs nothing else.
   * Registering every tool, resource and prompt costs about half a millisecond per
   * request; a call that names a tool this key may not use still gets the full server, so
   * its error is the SDK's usual "tool not found".
   */
  create(auth: AuthContext, requestId: string, onlyTool?: string): McpServer {
    const server = new McpServer(
      { name: 'pai', title: 'PAI: your thoughts as memory', version: APP_VERSION },
      { instructions: INSTRUCTIONS, jsonSchemaValidator: this.validator },
    );
    const call = { auth, requestId };
    const allowed = this.tools.filter(({ tool }) => toolAllowed(tool, auth.scope));
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
        (args: unknown) => runTool(tool, args, call, this.logger),
      );
    }
    if (!single && auth.scope !== 'capture') {
      registerContent(
        server,
        {
          tasks: this.tasks,
          suggestions: this.suggestions,
          consciousness: this.consciousness,
          profiles: this.profiles,
        },
        auth,
      );
    }
    return server;
  }
}
