import { useId, type ReactNode } from 'react';

/**
 * A labelled control: the label names it alone (`for`, not by wrapping), so its accessible name
 * is the label's text, not the label plus the control's value; a hint is tied with
 * aria-describedby. `className` is the page's field style.
 */
export function Field({
  label,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  className: string;
  children: (ids: { id: string; hintId: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, hintId })}
      {hint && (
        <span id={hintId} className="muted field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
