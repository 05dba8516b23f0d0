import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AuditDetail, AuditItem, CorrectiveAction } from '../../../contracts/sharing-audit.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from '../auth/use-me.ts';
import { useStaffList } from '../directory/directory-api.ts';
import { useSharingAudit, useSharingAuditMutations } from './sharing-audit-api.ts';
import { CHECK_WORDS, drawnWords, findingWords } from './sharing-audit-words.ts';

const FIELD_WORDS: Record<string, string> = {
  reason: 'Reason',
  description: 'What must be done',
  ownerStaffId: 'Owner',
  dueOn: 'Due date',
};

function problems(error: unknown, prefix: string, fallback: string): SummaryError[] {
  return error instanceof ApiError && error.fieldErrors.length > 0
    ? error.fieldErrors.map((f) => {
        const field = f.field.replace(/^body\./, '');
        return { message: `${FIELD_WORDS[field] ?? field} ${f.message}`, fieldId: `${prefix}-${field}` };
      })
    : [{ message: error instanceof ApiError ? error.detail : fallback }];
}

const result = (r: 'pass' | 'fail' | null) =>
  r === null ? null : r === 'pass' ? <Tag colour="green">Passed</Tag> : <Tag colour="red">Failed</Tag>;

/** Confirms or overrides one item's result; an override needs a reason. */
function ReviewForm({ audit, item }: { audit: AuditDetail; item: AuditItem }) {
  const { review } = useSharingAuditMutations(audit.id);
  const [decision, setDecision] = useState<'confirm' | 'override'>('confirm');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const prefix = `review-${item.position}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    review.mutate(
      { itemId: item.id, input: { decision, ...(reason.trim() ? { reason } : {}) } },
      { onError: (e) => setErrors(problems(e, prefix, 'The result could not be recorded.')) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Review item ${item.position + 1}`}>
      <ErrorSummary errors={errors} />
      <Select
        id={`${prefix}-decision`}
        label={`Your decision on item ${item.position + 1}`}
        value={decision}
        onChange={(v) => setDecision(v === 'override' ? 'override' : 'confirm')}
        options={[
          { value: 'confirm', label: `Confirm: ${item.autoResult === 'pass' ? 'passed' : 'failed'}` },
          { value: 'override', label: `Override: ${item.autoResult === 'pass' ? 'failed' : 'passed'}` },
        ]}
      />
      <Textarea
        id={`${prefix}-reason`}
        label="Reason"
        hint="Needed when you override the automatic result."
        value={reason}
        onChange={setReason}
        rows={2}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Record the decision<span className="nhsuk-u-visually-hidden">{` on item ${item.position + 1}`}</span>
      </button>
    </form>
  );
}

/** Raises a corrective action from a failed item. */
function ActionForm({ audit, item }: { audit: AuditDetail; item: AuditItem }) {
  const me = useMe();
  const staff = useStaffList({ organisationId: me.data?.organisation.id, pageSize: 100 }, Boolean(me.data));
  const { raise } = useSharingAuditMutations(audit.id);
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const prefix = `action-${item.position}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    raise.mutate(
      { itemId: item.id, input: { description, ownerStaffId: owner, dueOn } },
      { onError: (e) => setErrors(problems(e, prefix, 'The action could not be raised.')) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Corrective action for item ${item.position + 1}`}>
      <h3>{`Raise a corrective action for item ${item.position + 1}`}</h3>
      <ErrorSummary errors={errors} />
      <Textarea
        id={`${prefix}-description`}
        label="What must be done"
        value={description}
        onChange={setDescription}
        rows={2}
      />
      <Select
        id={`${prefix}-ownerStaffId`}
        label="Owner"
        placeholder="Choose a colleague"
        value={owner}
        onChange={setOwner}
        options={(staff.data?.items ?? [])
          .filter((s) => s.active)
          .map((s) => ({ value: s.id, label: `${s.displayName}, ${s.jobTitle}` }))}
      />
      <TextInput
        id={`${prefix}-dueOn`}
        label="Due date"
        hint="For example, 2026-12-31."
        width={10}
        value={dueOn}
        onChange={setDueOn}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Raise the action
      </button>
    </form>
  );
}

const ACTION_COLUMNS: readonly Column<CorrectiveAction>[] = [
  { header: 'Finding', cell: (a) => findingWords(a.finding) },
  { header: 'Action', cell: (a) => a.description },
  { header: 'Owner', cell: (a) => a.ownerName ?? 'A colleague' },
  { header: 'Due', cell: (a) => formatDate(a.dueOn), nowrap: true },
  {
    header: 'Status',
    cell: (a) =>
      a.status === 'closed' ? (
        <Tag colour="grey">{`Closed ${formatDate(a.closedAt)}`}</Tag>
      ) : (
        <Tag colour="blue">Open</Tag>
      ),
  },
  {
    header: 'Re-audits',
    cell: (a) =>
      a.reaudits.length === 0
        ? 'Not yet re-audited'
        : a.reaudits
            .map(
              (r) =>
                `${formatDate(r.checkedAt)}: ${r.closed ? 'closed' : 'still open'}, ${r.recurred ? 'finding recurred' : 'did not recur'}`,
            )
            .join('; '),
  },
];

/** One month's audit: each sampled disclosure with its tests and the auditor's decision, actions and re-audit. */
export function SharingAuditPage() {
  const { auditId = '' } = useParams();
  const audit = useSharingAudit(auditId);
  const a = audit.data;
  usePageTitle(a ? `Information-sharing audit ${a.month}` : 'Information-sharing audit');
  const org = (id: string | null) => (id ? (a?.organisations[id] ?? 'Another organisation') : '');
  return (
    <>
      <BackLink to="/sharing-audits">All months</BackLink>
      {audit.isPending ? <Loading /> : null}
      {audit.isError ? <QueryError error={audit.error} /> : null}
      {a ? (
        <>
          <h1>{`Information-sharing audit, ${a.month}`}</h1>
          <SummaryList
            rows={[
              { key: 'Disclosures in the month', value: String(a.population) },
              { key: 'Sampled', value: String(a.sampleSize) },
              { key: 'Seed', value: a.seed },
              {
                key: 'Drawn',
                value: `${formatDateTime(a.drawnAt)}, ${a.drawnBy === null ? 'by the monthly job' : `by hand, by ${drawnWords(a)}`}`,
              },
              { key: 'Results', value: `${a.passed} passed, ${a.failed} failed, ${a.reviewed} reviewed` },
            ]}
          />
          <h2>Sampled disclosures</h2>
          {a.items.length === 0 ? <p>There were no disclosures to sample this month.</p> : null}
          {a.items.map((item) => (
            <section key={item.id} className="accord-audit-item" aria-labelledby={`item-${item.position}`}>
              <h3 id={`item-${item.position}`}>
                {`Item ${item.position + 1}: ${org(item.entry.ownerOrganisationId)} to ${org(item.entry.recipientOrganisationId)}`}
              </h3>
              <SummaryList
                rows={[
                  {
                    key: 'When',
                    value: (
                      <Link to={`/audit/entries/${item.entry.id}`}>
                        {formatDateTime(item.entry.recordedAt)}
                      </Link>
                    ),
                  },
                  {
                    key: 'What',
                    value: `${item.entry.action}: ${item.entry.categories.join(', ')} for ${item.entry.purpose ?? 'no stated purpose'}`,
                  },
                  { key: 'Consent in force', value: CHECK_WORDS[item.checks.consent] },
                  { key: 'Minimum-dataset template', value: CHECK_WORDS[item.checks.template] },
                  {
                    key: 'Emergency or exception rationale and review',
                    value: CHECK_WORDS[item.checks.exception],
                  },
                  {
                    key: 'Findings',
                    value:
                      item.findings.length === 0 ? (
                        'None'
                      ) : (
                        <ul className="nhsuk-list nhsuk-list--bullet">
                          {item.findings.map((f) => (
                            <li key={f}>{findingWords(f)}</li>
                          ))}
                        </ul>
                      ),
                  },
                  { key: 'Automatic result', value: result(item.autoResult) },
                  {
                    key: 'Auditor',
                    value: item.review
                      ? `${item.review === 'confirmed' ? 'Confirmed' : 'Overridden'} ${formatDateTime(item.reviewedAt)}${item.reviewReason ? `: ${item.reviewReason}` : ''}`
                      : 'Not yet reviewed',
                  },
                ]}
              />
              {item.review === null ? <ReviewForm audit={a} item={item} /> : null}
              {(item.finalResult ?? item.autoResult) === 'fail' &&
              !a.actions.some((x) => x.itemId === item.id) ? (
                <ActionForm audit={a} item={item} />
              ) : null}
            </section>
          ))}
          <h2>Corrective actions raised</h2>
          {a.actions.length === 0 ? (
            <p>No corrective actions were raised from this month.</p>
          ) : (
            <Table
              caption="Corrective actions raised from this month"
              rows={a.actions}
              rowKey={(x) => x.id}
              columns={ACTION_COLUMNS}
            />
          )}
          <h2>Re-audit of earlier actions</h2>
          {a.reaudit.length === 0 ? (
            <p>No earlier actions were due for re-audit.</p>
          ) : (
            <Table
              caption="Earlier corrective actions checked by this re-audit"
              rows={a.reaudit}
              rowKey={(x) => x.id}
              columns={ACTION_COLUMNS}
            />
          )}
        </>
      ) : null}
    </>
  );
}
