import { useState } from 'react';

/** Any payload's raw JSON, one click away. */
export function RawJson({ value, label = 'raw' }: { readonly value: unknown; readonly label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="raw-json">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} title="show the raw JSON">
        {open ? `hide ${label}` : `{ } ${label}`}
      </button>
      {open && <pre className="raw">{JSON.stringify(value, null, 2)}</pre>}
    </span>
  );
}
