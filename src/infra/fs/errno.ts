/** A Node system error with this code (ENOENT, EEXIST…). */
export const isErrno = (e: unknown, code: string): boolean => e instanceof Error && 'code' in e && e.code === code;
