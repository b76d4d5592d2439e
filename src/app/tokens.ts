/** Injection tokens for values resolved before the Nest container starts. */
export const JWT_SECRET = Symbol('JWT_SECRET');
export const DATABASE_URL = Symbol('DATABASE_URL');
