import { useId, type ReactNode } from 'react';

/**
 * A labelled control: the label names it alone (`for`), so its accessible name is the label's
 * text, not the label plus the control's value; a hint is tied with aria-describedby.
 */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: ReactNode;
  children: (ids: { id: string; hintId: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="occ-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, hintId })}
      {hint && (
        <span id={hintId} className="muted occ-small">
          {hint}
        </span>
      )}
    </div>
  );
}
