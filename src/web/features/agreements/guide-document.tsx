import type { SharingGuide } from '../../../contracts/sharing-guide.ts';
import { formatDate } from '../../lib/format.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';

/** The guide itself, as it prints: what this role shares, with whom, why and on what basis. */
export function GuideDocument({ guide }: { guide: SharingGuide }) {
  const h = `guide-${guide.role}`;
  return (
    <section className="accord-section accord-guide" aria-labelledby={h}>
      <h2 id={h}>{`${guide.organisationName}: ${STAFF_ROLE_LABELS[guide.role]}`}</h2>
      <p className="nhsuk-body-s">{`Generated ${formatDate(guide.generatedOn)} from the agreements in force. Reference ${guide.fingerprint.slice(0, 12)}.`}</p>
      <h3>What your role may see</h3>
      <p>{guide.mayUse.map((c) => c.label).join(', ') || 'No person-level data.'}</p>
      {guide.restricted.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {guide.restricted.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <h3>What you share, with whom and when</h3>
      {guide.partners.length === 0 ? (
        <p>No agreement in force lets your role share with a partner organisation.</p>
      ) : (
        guide.partners.map((p) => (
          <div key={p.organisationId} className="accord-guide__partner">
            <h4>{p.organisationName}</h4>
            <ul className="nhsuk-list nhsuk-list--bullet">
              {p.lines.map((l) => (
                <li key={`${l.agreementId}:${l.direction}:${l.purpose}:${l.categoryWords}`}>
                  <p className="nhsuk-body nhsuk-u-margin-bottom-1">
                    {l.direction === 'send'
                      ? `You may share ${l.categoryWords} with ${p.organisationName} for ${l.purposeWords}.`
                      : `${p.organisationName} may share ${l.categoryWords} with you for ${l.purposeWords}.`}
                  </p>
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{`Agreement ${l.agreementReference}: ${l.agreementTitle}. Legal basis: ${l.legalBasis.join('; ')}.`}</p>
                  <p className="nhsuk-body-s">{l.consent}</p>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      <h3>When consent is needed</h3>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {guide.consentRules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h3>What lawful exceptions allow</h3>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {guide.lawfulExceptions.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h3>Situations</h3>
      {guide.scenarios.map((s) => (
        <div key={s.situation}>
          <h4>{s.label}</h4>
          <p>{s.body || 'Your IG lead has not written guidance for this situation yet: ask them.'}</p>
        </div>
      ))}
      <h3>Who to ask</h3>
      {guide.contacts.length === 0 ? (
        <p>Ask your service manager who your IG lead is.</p>
      ) : (
        <ul className="nhsuk-list">
          {guide.contacts.map((c) => (
            <li key={c.role}>{`${c.role}: ${c.name}`}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
