import { NotFoundContent } from '../components/not-found-content.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

/** Any address the app does not know. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return <NotFoundContent />;
}
