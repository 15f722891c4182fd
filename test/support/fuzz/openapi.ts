/** The slice of an OpenAPI 3 document (as @nestjs/swagger writes it) the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: unknown;
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One route as the fuzzer sees it: `POST /api/v1/thoughts/:id`, Express-style. */
export interface Route {
  method: string;
  path: string;
  operation: Operation;
}

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{([^}]+)\}/g, ':$1'),
      operation,
    })),
  );
}

/** Follows $ref (and a lone allOf, Swagger's way of wrapping a $ref) to the schema it names. */
export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < 20; hops += 1) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const target = document.components?.schemas?.[name];
      if (!target) throw new Error(`unresolved $ref ${current.$ref}`);
      current = { ...target, nullable: current.nullable ?? target.nullable };
    } else if (current.allOf?.length === 1 && !current.type && !current.properties) {
      current = { ...current.allOf[0], nullable: current.nullable };
    } else {
      return current;
    }
  }
  throw new Error('$ref cycle');
}
