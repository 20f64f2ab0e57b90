import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

/** A tiny history router: the dashboard's routes are few and flat. */
export function usePath(): string {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return path;
}

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function Link({ to, children, className }: { readonly to: string; readonly children: ReactNode; readonly className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className}>
      {children}
    </a>
  );
}

export type Route =
  | { readonly view: 'control' }
  | { readonly view: 'sessions' }
  | { readonly view: 'session'; readonly id: string }
  | { readonly view: 'agents' }
  | { readonly view: 'contexts'; readonly id: string | null }
  | { readonly view: 'events' }
  | { readonly view: 'integrations' };

export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'sessions' && parts[1]) return { view: 'session', id: parts[1] };
  if (parts[0] === 'sessions') return { view: 'sessions' };
  if (parts[0] === 'agents') return { view: 'agents' };
  if (parts[0] === 'contexts') return { view: 'contexts', id: parts[1] ?? null };
  if (parts[0] === 'events') return { view: 'events' };
  if (parts[0] === 'integrations') return { view: 'integrations' };
  return { view: 'control' };
}
