/** A load bar: green, amber from 75 %, red when full. */
export function Gauge({ value }: { readonly value: number }) {
  const ratio = Math.max(0, Math.min(1, value));
  const level = ratio >= 1 ? 'full' : ratio >= 0.75 ? 'high' : '';
  return (
    <div className={`gauge ${level}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(ratio * 100)} title={`${Math.round(ratio * 100)} %`}>
      <span style={{ width: `${ratio * 100}%` }} />
    </div>
  );
}
