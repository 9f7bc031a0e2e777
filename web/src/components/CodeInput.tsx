import { TextInput } from '@mantine/core';
import { t } from '../messages';

/**
 * The field for a second-factor code: six digits from the app, filled in by the phone's keyboard
 * of digits. With allowRecovery it takes a recovery code too, which has letters (a text keyboard).
 * Used by the log-in's code step and by "Mijn account".
 */
export function CodeInput({
  value,
  onChange,
  error,
  label = t.auth.code,
  description,
  allowRecovery = false,
  autoComplete = 'one-time-code',
  autoFocus = false,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  label?: string;
  description?: string;
  allowRecovery?: boolean;
  /** 'off' where only a recovery code fits: the browser then offers no one-time code. */
  autoComplete?: 'one-time-code' | 'off';
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      required
      autoComplete={autoComplete}
      inputMode={allowRecovery ? 'text' : 'numeric'}
      autoCapitalize="off"
      spellCheck={false}
      maxLength={allowRecovery ? 20 : 7}
      data-autofocus={autoFocus || undefined}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error ?? undefined}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 2 } }}
    />
  );
}
