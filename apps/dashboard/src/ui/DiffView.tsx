/** A unified diff, coloured by line kind. */
export function DiffView({ patch }: { readonly patch: string }) {
  return (
    <div className="diff" data-testid="diff">
      {patch.split('\n').map((line, index) => (
        <div key={index} className={line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : undefined}>
          {line || ' '}
        </div>
      ))}
    </div>
  );
}
