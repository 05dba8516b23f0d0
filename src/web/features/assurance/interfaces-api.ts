import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InterfaceEntry,
  InterfaceEntryInput,
  InterfaceEntryUpdate,
} from '../../../contracts/interface-register.ts';
import { api } from '../../lib/api.ts';

const key = ['interfaces'] as const;

/** The register of interfaces and workarounds. */
export function useInterfaces() {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: () => api.get<{ items: InterfaceEntry[] }>('/assurance/interfaces'),
  });
}

/** One register entry. */
export function useInterface(id: string) {
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: () => api.get<InterfaceEntry>(`/assurance/interfaces/${id}`),
  });
}

/** Recording and reviewing register entries. */
export function useInterfaceMutations(id?: string) {
  const client = useQueryClient();
  const saved = (entry: InterfaceEntry) => {
    client.setQueryData([...key, 'one', entry.id], entry);
    return client.invalidateQueries({ queryKey: [...key, 'list'] });
  };
  return {
    create: useMutation({
      mutationFn: (input: InterfaceEntryInput) => api.post<InterfaceEntry>('/assurance/interfaces', input),
      onSuccess: saved,
    }),
    update: useMutation({
      mutationFn: (input: InterfaceEntryUpdate) =>
        api.put<InterfaceEntry>(`/assurance/interfaces/${id ?? ''}`, input),
      onSuccess: saved,
    }),
  };
}
