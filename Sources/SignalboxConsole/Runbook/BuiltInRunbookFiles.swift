import SignalboxCore

/// The nine shipped runbook files, compiled in so that a copied or installed binary has them without `Runbooks/`.
/// Copied from `Runbooks/*.yaml`, which stay the source; a test keeps them identical.
enum BuiltInRunbookFiles {
    /// The YAML text of each shipped runbook, by kind.
    static let yaml: [ExceptionKind: String] = [
        .ambiguousCustomerMapping: #"""
        # Runbook for ambiguous_customer_mapping exceptions. Format: see README.md in this directory.
        title: A source record matches several customers
        owner: Master data team
        steps:
          - Compare the subject with the numbered candidates (name, address, tax id) in the detail view.
          - If one candidate is clearly right, press its number (or `signalbox exceptions resolve ID --candidate N`); the mapping is remembered.
          - If several open exceptions share the subject, resolve them together with `signalbox exceptions resolve --subject SYSTEM/KEY`.
          - If no candidate fits, create the customer in the CRM first, then resolve with --target-key.
          - Before quarter-end close, clear every mapping with money at risk first (the queue sorts them first in close mode).
        links:
          - "Customer master data policy: https://wiki.example.com/mdm/customers"
          - "Duplicate customer merge request: https://servicedesk.example.com/mdm/merge"

        """#,
        .missingMasterData: #"""
        # Runbook for missing_master_data exceptions. Format: see README.md in this directory.
        title: A referenced record does not exist in the target system
        owner: Master data team
        steps:
          - Open the trace (Enter on the contract) and find which record the failed event refers to.
          - Create or activate the record in the target system (customer, project, resource or rate card).
          - Request a reprocess of the failed event (p in the detail view); a second person approves it (A).
          - If the reference itself is wrong, correct the source record and dismiss with the reason.
        links:
          - "Master data request form: https://servicedesk.example.com/mdm/new-record"

        """#,
        .rateMismatch: #"""
        # Runbook for rate_mismatch exceptions. Format: see README.md in this directory.
        title: Time entry rate differs from the contract's rate card
        owner: Billing operations
        steps:
          - Compare the entry's rate with the contract's rate card version in force on the entry date (trace of the contract).
          - If the rate card is right, ask the PSA team to correct the entry's rate, then reprocess.
          - If the contract was amended, check the amendment reached the PSA (amendment accuracy drill-down).
          - At quarter-end, entries approved before the cutoff that stay mismatched miss this period's invoicing; escalate to the billing lead.
        links:
          - "Rate card procedure: https://wiki.example.com/billing/rate-cards"
          - "Billing lead on call: billing-oncall@example.com"

        """#,
        .amendmentConflict: #"""
        # Runbook for amendment_conflict exceptions. Format: see README.md in this directory.
        title: An amendment disagrees with what the PSA or ERP holds
        owner: Contract management
        steps:
          - Open the amendment drill-down and read which keys differ in the PSA and the ERP.
          - Confirm the signed amendment with the contract owner; the CRM version is the reference.
          - Correct the target system, then reprocess the failed propagation.
          - Note what was corrected on the exception before resolving it.
        links:
          - "Amendment handling: https://wiki.example.com/contracts/amendments"

        """#,
        .timeAfterCutoff: #"""
        # Runbook for time_after_cutoff exceptions. Format: see README.md in this directory.
        title: Time booked after the billing cutoff
        owner: Billing operations
        steps:
          - Check the entry's work date against the period's cutoff (the status bar counts down in close mode).
          - If the work belongs to the closed period, get the finance controller's approval for a late invoice line.
          - Otherwise move the entry to the next period in the PSA and dismiss with the reason.
        links:
          - "Period close calendar: https://wiki.example.com/finance/close-calendar"
          - "Late billing approval: https://servicedesk.example.com/finance/late-billing"

        """#,
        .duplicateEvent: #"""
        # Runbook for duplicate_event exceptions. Format: see README.md in this directory.
        title: The same business event arrived twice
        owner: Integration team
        steps:
          - Compare both events in the trace; if payloads are identical, dismiss as a harmless redelivery.
          - If payloads differ, find which system sent the second one and why (retries, a replayed batch).
          - Never reprocess a duplicate invoice or payment; raise it with the integration team instead.
        links:
          - "Integration runbook index: https://wiki.example.com/integration/runbooks"

        """#,
        .postingFailed: #"""
        # Runbook for posting_failed exceptions. Format: see README.md in this directory.
        title: An invoice could not be posted to the ERP
        owner: Finance systems
        steps:
          - Read the ERP's error in the trace (failed event) and check the posting period is open.
          - Fix the cause (closed period, blocked customer, missing tax code) in the ERP.
          - Request a reprocess (p); a second person approves it before the invoice is posted again.
          - During close, posting failures with money at risk come first; clear them before the cutoff.
        links:
          - "ERP posting errors: https://wiki.example.com/erp/posting-errors"
          - "Finance systems on call: finance-systems@example.com"

        """#,
        .provisioningFailed: #"""
        # Runbook for provisioning_failed exceptions. Format: see README.md in this directory.
        title: The PSA project could not be created
        owner: PSA administration
        steps:
          - Read the reason code of the last attempt in the trace (provisioning drill-down lists every attempt).
          - Fix the cause in the PSA (missing resource pool, inactive customer, template error).
          - Request a reprocess; the contract's activation latency keeps growing until the project exists.
        links:
          - "PSA provisioning guide: https://wiki.example.com/psa/provisioning"

        """#,
        .schemaViolation: #"""
        # Runbook for schema_violation exceptions. Format: see README.md in this directory.
        title: An event did not match the canonical schema
        owner: Integration team
        steps:
          - Read the rejected field and reason in the summary; `signalbox rejected` lists the raw lines.
          - Open a ticket for the sending system's owners with the event id and the reason.
          - Once the sender is fixed, have it resend the event; dismiss this exception with the ticket number.
        links:
          - "Canonical event specification: docs/canonical-events.md"

        """#,
    ]
}
