import { t } from '../../lib/i18n';

/** "12 characters left" under a text field, announced only when the limit is passed. */
export function CharCount({ id, value, max }: { id: string; value: string; max: number }) {
  const left = max - value.trim().length;
  return (
    <span
      id={id}
      className={left < 0 ? 'count over' : 'count'}
      aria-live={left < 0 ? 'polite' : 'off'}
    >
      {left < 0 ? t('charsOver', -left) : t('charsLeft', left)}
    </span>
  );
}
