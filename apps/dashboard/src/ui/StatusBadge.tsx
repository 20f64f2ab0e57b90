import { statusStyle } from './status-styles';

/** A status as colour, glyph and label together: never colour alone. */
export function StatusBadge({ status }: { readonly status: string }) {
  const style = statusStyle(status);
  return (
    <span className="badge" style={{ color: style.color }} data-status={status} title={status} role="status" aria-label={`status: ${style.label}`}>
      <span className="glyph" aria-hidden="true">
        {style.glyph}
      </span>
      {style.label}
    </span>
  );
}
