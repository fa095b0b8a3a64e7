import type { ApiError } from '../api/client';

type Translate = (key: string, params?: Record<string, unknown>) => string;
type HasKey = (key: string) => boolean;

/** Our own wording for known codes; the server's English message for codes we do not know yet. */
export function translateError(error: ApiError, t: Translate, te: HasKey): string {
  const text = baseText(error, t, te);
  if (error.retryAfter === undefined || error.retryAfter <= 0) return text;

  return `${text} ${t('common.retryIn', { seconds: Math.ceil(error.retryAfter) })}`;
}

function baseText(error: ApiError, t: Translate, te: HasKey): string {
  const fieldKey = `fields.${error.field ?? ''}`;
  if (error.code === 'invalid_field' && error.field && te(fieldKey)) {
    return t('errors.invalid_field_named', { field: t(fieldKey) });
  }

  const key = `errors.${error.code}`;
  if (te(key)) return t(key);

  return error.message || t('errors.unknown');
}
