import SignalboxStore

/// Schema version 3: who acts is the login, enforced by the server; the log and the audit head are append-only
/// for everyone but the owner.
///
/// - `actor_names` maps logins to the names actions are recorded under (a login without a row acts under its
///   own name); only the owner writes it.
/// - A trigger refuses a `CONSOLE` event from a non-owner login whose `by` is not that login's name, and an
///   approval of a reprocess request the same name requested unless the stored policy allows self-approval.
/// - A reprocess request's requester, approver and completion, and a remembered mapping, written by a non-owner
///   must each match an event in the log (the middleware replays what `reprocess_requests` says is approved);
///   schema 5 tightens the queue's and the requests' checks to the log column by column
///   (``PostgresQueueProjectionChecks``).
/// - The reprocess policy in `settings` changes, for non-owners, only together with the `reprocess.policy_changed`
///   event that logs it, and only to what the event says.
/// - The audit head is advanced by a trigger (running as the owner) after each insert of sealed console events,
///   so no other role needs to write it; `UPDATE`, `DELETE` and `TRUNCATE` of `events` and `audit_head` are
///   refused for anyone but the owner (on top of the roles having no such privilege).
///
/// The owner, who runs migrations and ingests, is trusted with everything: it could drop these triggers.
extension PostgresSchema {
    /// The key of the advisory lock every writer of sealed events takes before reading the audit head (a row
    /// lock would need `UPDATE` on `audit_head`, which non-owners do not have).
    static let auditChainLockKey: Int64 = 0x5369_676E_6175_6469

    static let trustBoundary: [String] = [
        """
        CREATE TABLE actor_names (
            login        text PRIMARY KEY,
            display_name text NOT NULL UNIQUE
        )
        """,
        """
        CREATE FUNCTION signalbox_is_owner(role name) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
            SELECT pg_has_role(role, (SELECT relowner FROM pg_class WHERE oid = 'public.events'::regclass), 'MEMBER')
        $$
        """,
        """
        CREATE FUNCTION signalbox_actor() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
            SELECT coalesce((SELECT display_name FROM actor_names WHERE login = session_user), session_user::text)
        $$
        """,
        // The stored reprocess policy (ReprocessPolicy(settings:)) for an exception's amount at risk.
        """
        CREATE FUNCTION signalbox_self_approval_allowed(amount numeric, amount_currency text) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
        DECLARE
            policy jsonb := (SELECT jsonb_object_agg(key, value) FROM settings WHERE key LIKE 'reprocess.%');
        BEGIN
            IF coalesce(policy ->> 'reprocess.four_eyes', 'true') = 'false' THEN
                RETURN true;
            END IF;
            IF policy ->> 'reprocess.self_approval_below' IS NULL OR amount IS NULL THEN
                RETURN false;
            END IF;
            IF policy ->> 'reprocess.self_approval_currency' IS NOT NULL
               AND amount_currency IS DISTINCT FROM policy ->> 'reprocess.self_approval_currency' THEN
                RETURN false;
            END IF;
            RETURN amount < (policy ->> 'reprocess.self_approval_below')::numeric;
        END
        $$
        """,
        checkForNonOwners("signalbox_check_console_actor", declare: """
            data jsonb := NEW.payload::jsonb -> 'data';
            actor text := signalbox_actor();
            request record;
            """, checks: """
            IF data ->> 'by' IS DISTINCT FROM actor THEN
                RAISE EXCEPTION 'the login % records console actions as %, not as %', session_user, quote_literal(actor),
                    coalesce(quote_literal(data ->> 'by'), 'nobody') USING ERRCODE = '42501';
            END IF;
            IF NEW.type = 'reprocess.approved' THEN
                -- The requester, and the amount at risk of the exception's latest raise, from the log.
                SELECT requested.payload::jsonb -> 'data' ->> 'by' AS requested_by,
                       (raised.payload::jsonb -> 'data' ->> 'amount_at_risk')::numeric AS amount,
                       raised.payload::jsonb -> 'data' ->> 'currency' AS currency INTO request
                FROM events requested
                LEFT JOIN LATERAL (
                    SELECT payload FROM events
                    WHERE type = 'exception.raised' AND entity_key = requested.payload::jsonb -> 'data' ->> 'exception_id'
                    ORDER BY occurred_at DESC, seq DESC LIMIT 1) raised ON true
                WHERE requested.type = 'reprocess.requested'
                  AND requested.payload::jsonb -> 'data' ->> 'request_id' = data ->> 'request_id'
                ORDER BY requested.seq LIMIT 1;
                IF FOUND AND request.requested_by = actor
                   AND NOT signalbox_self_approval_allowed(request.amount, request.currency) THEN
                    RAISE EXCEPTION 'four eyes: % requested this reprocessing and may not approve it', quote_literal(actor)
                        USING ERRCODE = '42501';
                END IF;
            END IF;
            """),
        """
        CREATE TRIGGER events_console_actor BEFORE INSERT ON events
            FOR EACH ROW WHEN (NEW.source = 'CONSOLE') EXECUTE FUNCTION signalbox_check_console_actor()
        """,
        """
        CREATE FUNCTION signalbox_advance_audit_head() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
        DECLARE
            newest record;
        BEGIN
            SELECT seq, payload::jsonb -> 'audit' ->> 'hash' AS hash INTO newest
            FROM inserted WHERE \(AuditChainSQL.chainedCondition) ORDER BY seq DESC LIMIT 1;
            IF FOUND AND newest.hash IS NOT NULL THEN
                UPDATE audit_head SET hash = newest.hash, seq = newest.seq WHERE id = 1;
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER events_audit_head AFTER INSERT ON events REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION signalbox_advance_audit_head()
        """,
        // The projections a console action writes, checked against the log for non-owners: a reprocess request's
        // requester, approver and completion, and a remembered mapping, must each be an event in the log (whose
        // insert the trigger above checked), so `UPDATE reprocess_requests SET approved_by = …` cannot start a
        // replay and a forged mapping cannot be suggested.
        """
        CREATE FUNCTION signalbox_request_logged(request text, event_type text, actor text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
            SELECT EXISTS (
                SELECT 1 FROM events
                WHERE type = event_type AND payload::jsonb -> 'data' ->> 'request_id' = request
                  AND (actor IS NULL OR payload::jsonb -> 'data' ->> 'by' = actor))
        $$
        """,
        checkForNonOwners("signalbox_check_reprocess_request", checks: """
            IF NOT signalbox_request_logged(NEW.request_id, 'reprocess.requested', NEW.requested_by)
               OR (NEW.approved_by IS NOT NULL
                   AND NOT signalbox_request_logged(NEW.request_id, 'reprocess.approved', NEW.approved_by))
               OR (NEW.completed_at IS NOT NULL
                   AND NOT signalbox_request_logged(NEW.request_id, 'reprocess.completed', NULL)) THEN
                RAISE EXCEPTION 'reprocess request % does not match the log', quote_literal(NEW.request_id)
                    USING ERRCODE = '42501';
            END IF;
            """),
        """
        CREATE TRIGGER reprocess_requests_match_log BEFORE INSERT OR UPDATE ON reprocess_requests
            FOR EACH ROW EXECUTE FUNCTION signalbox_check_reprocess_request()
        """,
        checkForNonOwners("signalbox_check_remembered_mapping", declare: """
            data jsonb;
            """, checks: """
            SELECT payload::jsonb -> 'data' INTO data FROM events WHERE seq = NEW.seq AND type = 'exception.resolved';
            IF data IS NULL OR data ->> 'exception_id' IS DISTINCT FROM NEW.exception_id
               OR data ->> 'by' IS DISTINCT FROM NEW.resolved_by
               OR data -> 'resolution' -> 'mapping' IS DISTINCT FROM jsonb_build_object(
                   'source_system', NEW.source_system, 'source_key', NEW.source_key,
                   'target_system', NEW.target_system, 'target_key', NEW.target_key) THEN
                RAISE EXCEPTION 'remembered mapping of %/% does not match the log', NEW.source_system, NEW.source_key
                    USING ERRCODE = '42501';
            END IF;
            """),
        """
        CREATE TRIGGER remembered_mappings_match_log BEFORE INSERT OR UPDATE ON remembered_mappings
            FOR EACH ROW EXECUTE FUNCTION signalbox_check_remembered_mapping()
        """,
        // The reprocess policy in `settings` changes, for non-owners, only in the transaction that logs the
        // `reprocess.policy_changed` event saying so, and only to what that event says: loosening four eyes in
        // plain `psql` without a trace in the audit trail is refused.
        """
        CREATE FUNCTION signalbox_check_policy_setting() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
        DECLARE
            setting record;
            changed jsonb;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                setting := OLD;
            ELSE
                setting := NEW;
            END IF;
            IF NOT signalbox_is_owner(session_user) AND setting.key LIKE 'reprocess.%' THEN
                SELECT payload::jsonb -> 'data' -> 'to' INTO changed FROM events
                WHERE type = 'reprocess.policy_changed' AND xmin = pg_current_xact_id()::xid
                ORDER BY seq DESC LIMIT 1;
                IF changed IS NULL THEN
                    RAISE EXCEPTION 'the reprocess policy changes only with its reprocess.policy_changed event in the audit trail (signalbox reprocess policy)'
                        USING ERRCODE = '42501';
                END IF;
                IF TG_OP <> 'DELETE' AND NOT (
                    (setting.key = 'reprocess.four_eyes' AND setting.value = ((changed ->> 'approval') = 'four_eyes')::text)
                    OR (setting.key = 'reprocess.self_approval_below' AND setting.value ~ '^[0-9]+([.][0-9]+)?$'
                        AND setting.value::numeric = (changed ->> 'self_approval_below')::numeric)
                    OR (setting.key = 'reprocess.self_approval_currency' AND setting.value = changed ->> 'self_approval_currency')
                ) THEN
                    RAISE EXCEPTION 'setting % = % is not the policy the audit trail records', setting.key, quote_literal(setting.value)
                        USING ERRCODE = '42501';
                END IF;
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER settings_policy_matches_log BEFORE INSERT OR UPDATE OR DELETE ON settings
            FOR EACH ROW EXECUTE FUNCTION signalbox_check_policy_setting()
        """,
        """
        CREATE FUNCTION signalbox_owner_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT signalbox_is_owner(current_user) THEN
                RAISE EXCEPTION '% on % is reserved to the store''s owner', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION signalbox_owner_only()
        """,
        """
        CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION signalbox_owner_only()
        """,
        """
        CREATE TRIGGER audit_head_owner_only BEFORE UPDATE OR DELETE ON audit_head
            FOR EACH ROW EXECUTE FUNCTION signalbox_owner_only()
        """,
        """
        CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
            FOR EACH STATEMENT EXECUTE FUNCTION signalbox_owner_only()
        """,
    ]

    /// A row trigger function that lets the store's owner through and runs `checks` (PL/pgSQL raising on a
    /// violation) for everyone else; it runs as the owner, so it reads what the checks need whatever the login.
    static func checkForNonOwners(_ name: String, declare: String = "", checks: String) -> String {
        """
        CREATE FUNCTION \(name)() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
        DECLARE
        \(declare)
        BEGIN
            IF signalbox_is_owner(session_user) THEN
                RETURN NEW;
            END IF;
        \(checks)
            RETURN NEW;
        END
        $$
        """
    }
}
