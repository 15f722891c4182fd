/** The process's one pino logger (JSON lines), shared by Nest's logger and the request log. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
