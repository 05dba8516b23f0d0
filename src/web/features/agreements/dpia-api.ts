import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dpia, DpiaInput, DpiaSignOffInput, DpiaSummary } from '../../../contracts/dpia.ts';
import { api } from '../../lib/api.ts';

const key = ['dpias'] as const;

/** Every DPIA with how many of its measures are not in place now. */
export function useDpias() {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: () => api.get<{ items: DpiaSummary[] }>('/dpias'),
  });
}

/** One DPIA; its measures' states are measured by the server on every read, so they are never cached long. */
export function useDpia(id: string) {
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: () => api.get<Dpia>(`/dpias/${id}`),
    staleTime: 0,
  });
}

/** Recording a DPIA and the DPO's sign-off. */
export function useDpiaMutations(id?: string) {
  const client = useQueryClient();
  const saved = (dpia: Dpia) => {
    client.setQueryData([...key, 'one', dpia.id], dpia);
    return client.invalidateQueries({ queryKey: [...key, 'list'] });
  };
  return {
    create: useMutation({
      mutationFn: (input: DpiaInput) => api.post<Dpia>('/dpias', input),
      onSuccess: saved,
    }),
    signOff: useMutation({
      mutationFn: (input: DpiaSignOffInput) => api.post<Dpia>(`/dpias/${id ?? ''}/sign-off`, input),
      onSuccess: saved,
    }),
  };
}
