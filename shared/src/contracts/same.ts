/** `true` only when A and B are the same type: a wire schema that drifts from the core's interface stops compiling. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
