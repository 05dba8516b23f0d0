import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigationType } from 'react-router';
import { useMe } from '../features/auth/use-me.ts';
import { Footer } from './footer.tsx';
import { Header } from './header.tsx';

/**
 * After a client-side navigation, moves focus to the new page's main heading (or main), as a full
 * page load would reset it; screen readers then announce the new page. Redirects (replacements)
 * leave focus alone, so a page reached by one behaves like a fresh load: Tab reaches the skip link.
 */
function useFocusOnNavigate(): void {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (navigationType === 'REPLACE') return;
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('maincontent');
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname, navigationType]);
}

/** The page frame: skip link, header, main content and footer. */
export function Layout() {
  const me = useMe();
  useFocusOnNavigate();
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header me={me.data ?? null} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <Footer />
    </>
  );
}
