import type { Option } from '../../components/select.tsx';
import { ALL, useOrganisations } from './directory-api.ts';

/** Every organisation as select options (the API's largest page; partnerships have a few dozen). */
export function useOrganisationOptions(): { options: Option[]; loading: boolean } {
  const organisations = useOrganisations(1, ALL);
  return {
    options: (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
    loading: organisations.isPending,
  };
}

/** Names organisations by id for pages that hold only ids (audit entries, obligations); unknown ids stay ids. */
export function useOrganisationNames(): (id: string | null | undefined) => string {
  const organisations = useOrganisations(1, ALL);
  const names = new Map((organisations.data?.items ?? []).map((o) => [o.id, o.name]));
  return (id) => (id ? (names.get(id) ?? id) : '');
}
