/** What other modules may use from work. */
export { workRoutes } from './work.routes.ts';
