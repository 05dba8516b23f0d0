import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntryDto, SignedTreeHeadDto, TrustedPublicKeyDto } from '../../../contracts/audit.ts';
import type { AccessReport } from '../../../contracts/audit-export.ts';
import type { Staff } from '../../../contracts/directory.ts';
import { api } from '../../lib/api.ts';
import type { InclusionProofDto } from '../../lib/entry-inclusion.ts';
import type { Page } from '../people/people-api.ts';

/** Filters of the audit explorer, as the API takes them (instants for from/to). */
export interface AuditFilter {
  personId?: string | undefined;
  actorId?: string | undefined;
  organisationId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** What GET /audit/verify reports. */
export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  entriesChecked: number;
  headsChecked: number;
  nodesChecked: number;
  pending: number;
  problem: { kind: string; at: string; message: string } | null;
}

/** Entries on one page of the audit explorer. */
export const AUDIT_PAGE_SIZE = 25;

/** A page of audit entries, newest first. */
export function useAuditEntries(filter: AuditFilter, page: number, pageSize = AUDIT_PAGE_SIZE) {
  return useQuery({
    queryKey: ['audit', 'entries', filter, page, pageSize],
    queryFn: () => api.get<Page<AuditEntryDto>>('/audit/entries', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One audit entry. */
export function useAuditEntry(id: string) {
  return useQuery({
    queryKey: ['audit', 'entry', id],
    queryFn: () => api.get<AuditEntryDto>(`/audit/entries/${id}`),
  });
}

/** The newest signed tree heads. */
export function useTreeHeads(limit = 20) {
  return useQuery({
    queryKey: ['audit', 'heads', limit],
    queryFn: () => api.get<SignedTreeHeadDto[]>('/audit/heads', { limit }),
  });
}

/**
 * The log's Ed25519 public keys: the current one, which signs new tree heads, and those it replaced.
 * Fetched afresh on each page: after a rotation and restart, new heads name a key a cached list lacks.
 */
export function usePublicKeys() {
  return useQuery({
    queryKey: ['audit', 'public-keys'],
    queryFn: () => api.get<TrustedPublicKeyDto[]>('/audit/public-keys'),
  });
}

/** An RFC 9162 inclusion proof for a leaf in the tree of a given size. */
export function useInclusionProof(leafIndex: number | null, treeSize: number | null) {
  return useQuery({
    queryKey: ['audit', 'inclusion', leafIndex, treeSize],
    queryFn: () => api.get<InclusionProofDto>('/audit/proofs/inclusion', { leafIndex, treeSize }),
    enabled: leafIndex !== null && treeSize !== null && leafIndex < treeSize,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Recomputes the whole log and its heads on the server; names the first entry that does not match. */
export function useVerifyLog() {
  return useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => api.get<VerifyReport>('/audit/verify'),
    staleTime: 0,
  });
}

/** A member of staff, named for entries that hold only their id. */
export function useStaffMember(id: string | null) {
  return useQuery({
    queryKey: ['directory', 'staff', 'one', id],
    queryFn: () => api.get<Staff>(`/staff/${id}`),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
}

/** The person's report of who accessed their record and what was shared. */
export function useAccessReport(personId: string) {
  return useQuery({
    queryKey: ['people', 'person', personId, 'access-report'],
    queryFn: () => api.get<AccessReport>(`/people/${personId}/access-report`),
  });
}
