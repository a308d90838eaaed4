/** The refusal every server action may return: messages keyed by field path, and one for the whole form. */
export type ActionFailure = {
  ok: false;
  /** Messages per form field name, shown next to that field. */
  fieldErrors?: Record<string, string[]>;
  /** A message about the whole form or action. */
  formError?: string;
};

/** No extra failure detail: what most actions use. */
export type NoFailureDetail = Record<never, never>;

/**
 * What every server action returns: data, or errors keyed by field path (never thrown at the UI).
 * `Detail` adds a capability's own optional failure fields (e.g. a failed connection test) without
 * this generic type knowing about them.
 */
export type ActionResult<T, Detail extends object = NoFailureDetail> = { ok: true; data: T } | (ActionFailure & Partial<Detail>);
