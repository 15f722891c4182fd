export const HTTP_LOGGER = Symbol('HTTP_LOGGER');
