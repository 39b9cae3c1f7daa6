// A duration field that shows what a bare number means: "2" reads as 2 ms (the scenario file's
// rule, readDurationField), so the field shows "ms" after it; "2s" carries its own unit and
// shows nothing more. The placeholder says the rule before anything is typed.
import { isBareNumber } from './durationField';

export const DURATION_RULE = 'a number with a unit (250ms, 10s, 2m); a bare number is milliseconds';

export function DurationInput({ value, onChange, testId, placeholder, ariaLabel, size }: { value: string; onChange: (v: string) => void; testId?: string; placeholder?: string; ariaLabel?: string; size?: number }) {
  const bare = isBareNumber(value);
  return (
    <span className="duration-input" data-bare={bare ? 'true' : 'false'}>
      <input type="text" value={value} placeholder={placeholder} aria-label={ariaLabel} size={size} onChange={(e) => onChange(e.target.value)} data-testid={testId} title={`Duration: ${DURATION_RULE}`} />
      {bare && (
        <span className="duration-unit" data-testid={testId ? `${testId}-unit` : 'duration-unit'}>
          ms
        </span>
      )}
    </span>
  );
}
