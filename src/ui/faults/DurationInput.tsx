// A duration field that shows what a bare number means: "2" reads as 2 ms (the scenario file's
// rule, readDurationField), so the field shows "ms" after it; "2s" carries its own unit and
// shows nothing more. The placeholder says the rule before anything is typed. Spaces around the
// value are dropped when the field is left.
import { isBareNumber } from './durationField';

export const DURATION_RULE = 'a number with a unit (250ms, 10s, 2m); a bare number is milliseconds';

/** DURATION_RULE for a field that refuses a bare number (readDurationField's `unitRequired`). */
export const DURATION_UNIT_RULE = 'a number with a unit (10s, 250ms, 2m); a bare number is refused: 10 could mean 10s or 10ms';

/**
 * A duration's text field; `invalid` marks it as having a problem (aria-invalid), said by its form
 * in the element `describedBy` names. `unitRequired`: the field refuses a bare number (the fault
 * form's "for"), so it shows no "ms" after one.
 */
export function DurationInput({ value, onChange, testId, placeholder, ariaLabel, size, invalid, describedBy, unitRequired }: { value: string; onChange: (v: string) => void; testId?: string; placeholder?: string; ariaLabel?: string; size?: number; invalid?: boolean; describedBy?: string; unitRequired?: boolean }) {
  const bare = !unitRequired && isBareNumber(value);
  return (
    <span className="duration-input" data-bare={bare ? 'true' : 'false'}>
      <input
        type="text"
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        size={size}
        onChange={(e) => onChange(e.target.value)}
        // Spaces around a duration mean nothing (readDurationField trims them): dropped on leaving
        // the field, so a stray one typed by a key meant for the app is not left in it.
        onBlur={(e) => e.target.value !== e.target.value.trim() && onChange(e.target.value.trim())}
        data-testid={testId}
        title={`Duration: ${unitRequired ? DURATION_UNIT_RULE : DURATION_RULE}`}
      />
      {bare && (
        <span className="duration-unit" data-testid={testId ? `${testId}-unit` : 'duration-unit'}>
          ms
        </span>
      )}
    </span>
  );
}
