/// Schema version 5: the queue's projections follow the log for every login but the owner (replacing schema 3's
/// looser check of reprocess requests, which only asked that each column's event exist).
///
/// A console action writes its events and, in the same transaction, the exception's queue columns (`state`,
/// `state_label`, `assignee`, `version`, `last_by`, `last_at`, `closed_at`) and its reprocess requests. A login
/// that may do that (analyst, approver) could otherwise write anything there in plain `psql`. For non-owners:
///
/// - `exceptions`: what the raise says (kind, severity, subject, amount, …) never changes; the queue columns may
///   change only to what the row's previous values and the events this transaction logged about the exception
///   imply (``ExceptionRecord``'s fold, applied event by event in log order: claim, release, resolve, dismiss,
///   note, request, approve), and `version` to the newest such event's `seq`.
/// - At commit, every `CONSOLE` event a non-owner logged must be reflected in its exception's row (`version` at
///   least its `seq`): an action cannot leave the queue behind the log.
/// - `reprocess_requests`: each column is the log's: the first request event (exception, requester, time, failed
///   event), the first approval and the first completion (outcome, message, time).
enum PostgresQueueProjectionChecks {
    /// The console event types whose effect on an exception's queue row the check knows.
    static let exceptionEventTypes = [
        "exception.claimed", "exception.released", "exception.resolved", "exception.dismissed", "exception.noted",
        "reprocess.requested",
    ]

    static let statements: [String] = [
        // Schema 3's check of reprocess requests, replaced by the column-by-column one below.
        "DROP TRIGGER reprocess_requests_match_log ON reprocess_requests",
        "DROP FUNCTION signalbox_check_reprocess_request()",
        "DROP FUNCTION signalbox_request_logged(text, text, text)",
        // Whether an approval logged at `approval_seq` moves the exception to `reprocessing` in the fold: its request
        // is the latest outstanding one (no completion before it, no later request without one) and unapproved.
        """
        CREATE FUNCTION signalbox_approval_takes_effect(exception text, request text, approval_seq bigint) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
            WITH requests AS (
                SELECT seq, payload::jsonb -> 'data' ->> 'request_id' AS id FROM events
                WHERE type = 'reprocess.requested' AND entity_key = exception AND seq < approval_seq
            ), outstanding AS (
                SELECT seq, id FROM requests r
                WHERE NOT EXISTS (SELECT 1 FROM events c WHERE c.type = 'reprocess.completed' AND c.entity_key = r.id
                                    AND c.seq < approval_seq)
            )
            SELECT coalesce((SELECT id = request FROM outstanding ORDER BY seq DESC LIMIT 1), false)
               AND NOT EXISTS (SELECT 1 FROM events a WHERE a.type = 'reprocess.approved' AND a.entity_key = request
                                 AND a.seq < approval_seq)
        $$
        """,
        PostgresSchema.checkForNonOwners("signalbox_check_exception_queue", declare: """
            expected exceptions := OLD;
            event record;
            actor text;
            """, checks: """
            IF (NEW.exception_id, NEW.correlation_id, NEW.summary, NEW.raised_at, NEW.kind, NEW.severity, NEW.kind_at,
                NEW.severity_rank, NEW.subject_system, NEW.subject_key, NEW.subject_name, NEW.amount_units, NEW.currency)
               IS DISTINCT FROM
               (OLD.exception_id, OLD.correlation_id, OLD.summary, OLD.raised_at, OLD.kind, OLD.severity, OLD.kind_at,
                OLD.severity_rank, OLD.subject_system, OLD.subject_key, OLD.subject_name, OLD.amount_units, OLD.currency) THEN
                RAISE EXCEPTION 'exception %: only the store''s owner changes what its raise says', quote_literal(OLD.exception_id)
                    USING ERRCODE = '42501';
            END IF;
            -- The fold, from the row as it was, over the events this transaction logged about the exception.
            FOR event IN
                SELECT e.seq, e.type, e.occurred_at, e.payload::jsonb -> 'data' AS data FROM events e
                WHERE e.xmin = pg_current_xact_id()::xid AND (
                    (e.type IN (\(sqlList(exceptionEventTypes))) AND e.entity_key = OLD.exception_id)
                    OR (e.type = 'reprocess.approved' AND e.entity_key IN (
                        SELECT r.payload::jsonb -> 'data' ->> 'request_id' FROM events r
                        WHERE r.type = 'reprocess.requested' AND r.entity_key = OLD.exception_id)))
                ORDER BY e.seq
            LOOP
                actor := event.data ->> 'by';
                expected.version := greatest(expected.version, event.seq);
                expected.last_by := actor;
                expected.last_at := event.occurred_at;
                IF event.type IN ('exception.resolved', 'exception.dismissed') THEN
                    expected.closed_at := least(expected.closed_at, event.occurred_at);
                END IF;
                CONTINUE WHEN expected.state IN ('resolved', 'dismissed');
                CASE event.type
                WHEN 'exception.claimed' THEN
                    expected.assignee := actor;
                    IF expected.state IN ('open', 'claimed') THEN
                        expected.state := 'claimed';
                        expected.state_label := 'claimed by ' || actor;
                    END IF;
                WHEN 'exception.released' THEN
                    expected.assignee := NULL;
                    IF expected.state IN ('open', 'claimed') THEN
                        expected.state := 'open';
                        expected.state_label := 'open';
                    END IF;
                WHEN 'exception.resolved' THEN
                    expected.state := 'resolved';
                    expected.state_label := 'resolved by ' || actor;
                WHEN 'exception.dismissed' THEN
                    expected.state := 'dismissed';
                    expected.state_label := 'dismissed by ' || actor;
                WHEN 'reprocess.requested' THEN
                    expected.state := 'pending_approval';
                    expected.state_label := 'reprocess pending approval (requested by ' || actor || ')';
                WHEN 'reprocess.approved' THEN
                    IF signalbox_approval_takes_effect(OLD.exception_id, event.data ->> 'request_id', event.seq) THEN
                        expected.state := 'reprocessing';
                        expected.state_label := 'reprocessing (approved by ' || actor || ')';
                    END IF;
                ELSE
                    NULL;  -- a note changes only the version and the last change
                END CASE;
            END LOOP;
            IF (NEW.state, NEW.state_label, NEW.assignee, NEW.version, NEW.last_by, NEW.last_at)
                   IS DISTINCT FROM (OLD.state, OLD.state_label, OLD.assignee, OLD.version, OLD.last_by, OLD.last_at)
               AND (NEW.state, NEW.state_label, NEW.assignee, NEW.version, NEW.last_by, NEW.last_at)
                   IS DISTINCT FROM (expected.state, expected.state_label, expected.assignee, expected.version,
                                     expected.last_by, expected.last_at) THEN
                RAISE EXCEPTION 'exception %: queue columns % are not what the log says (%)', quote_literal(OLD.exception_id),
                    row(NEW.state, NEW.assignee, NEW.version), row(expected.state, expected.assignee, expected.version)
                    USING ERRCODE = '42501';
            END IF;
            IF NEW.closed_at IS DISTINCT FROM OLD.closed_at AND NEW.closed_at IS DISTINCT FROM expected.closed_at THEN
                RAISE EXCEPTION 'exception %: closed_at % is not what the log says (%)', quote_literal(OLD.exception_id),
                    NEW.closed_at, expected.closed_at USING ERRCODE = '42501';
            END IF;
            """),
        """
        CREATE TRIGGER exceptions_queue_follows_log BEFORE UPDATE ON exceptions
            FOR EACH ROW EXECUTE FUNCTION signalbox_check_exception_queue()
        """,
        // At commit: each console event a non-owner logged is in its exception's row (an AFTER trigger: what the
        // function returns is ignored).
        PostgresSchema.checkForNonOwners("signalbox_check_queue_refreshed", declare: """
            exception text;
            refreshed bigint;
            """, checks: """
            IF NEW.type = 'reprocess.approved' THEN
                SELECT entity_key INTO exception FROM events
                WHERE type = 'reprocess.requested' AND payload::jsonb -> 'data' ->> 'request_id' = NEW.entity_key
                ORDER BY seq LIMIT 1;
            ELSIF NEW.type IN (\(sqlList(exceptionEventTypes))) THEN
                exception := NEW.entity_key;
            END IF;
            SELECT version INTO refreshed FROM exceptions WHERE exception_id = exception;
            IF FOUND AND refreshed < NEW.seq THEN
                RAISE EXCEPTION 'exception %: its queue row was not brought up to event % in the transaction that logged it',
                    quote_literal(exception), quote_literal(NEW.event_id) USING ERRCODE = '42501';
            END IF;
            """),
        """
        CREATE CONSTRAINT TRIGGER events_queue_refreshed AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.source = 'CONSOLE') EXECUTE FUNCTION signalbox_check_queue_refreshed()
        """,
        // A reprocess request's row, column by column, from the log: the middleware replays what it says.
        PostgresSchema.checkForNonOwners("signalbox_check_reprocess_request", declare: """
            requested record;
            approved record;
            completed record;
            """, checks: """
            SELECT entity_key, occurred_at, payload::jsonb -> 'data' AS data INTO requested FROM events
            WHERE type = 'reprocess.requested' AND entity_key = NEW.exception_id
              AND payload::jsonb -> 'data' ->> 'request_id' = NEW.request_id
            ORDER BY seq LIMIT 1;
            SELECT occurred_at, payload::jsonb -> 'data' AS data INTO approved FROM events
            WHERE type = 'reprocess.approved' AND entity_key = NEW.request_id ORDER BY seq LIMIT 1;
            SELECT occurred_at, payload::jsonb -> 'data' AS data INTO completed FROM events
            WHERE type = 'reprocess.completed' AND entity_key = NEW.request_id ORDER BY seq LIMIT 1;
            IF requested.entity_key IS NULL
               OR (NEW.requested_by, NEW.requested_at) IS DISTINCT FROM (requested.data ->> 'by', requested.occurred_at)
               OR (NEW.failed_event_id IS DISTINCT FROM requested.data ->> 'failed_event_id'
                   AND (TG_OP = 'INSERT' OR NEW.failed_event_id IS DISTINCT FROM OLD.failed_event_id))
               OR (NEW.approved_by, NEW.approved_at) IS DISTINCT FROM (approved.data ->> 'by', approved.occurred_at)
               OR (NEW.outcome, NEW.message, NEW.completed_at)
                  IS DISTINCT FROM (completed.data ->> 'outcome', completed.data ->> 'message', completed.occurred_at) THEN
                RAISE EXCEPTION 'reprocess request % does not match the log', quote_literal(NEW.request_id)
                    USING ERRCODE = '42501';
            END IF;
            """),
        """
        CREATE TRIGGER reprocess_requests_match_log BEFORE INSERT OR UPDATE ON reprocess_requests
            FOR EACH ROW EXECUTE FUNCTION signalbox_check_reprocess_request()
        """,
    ]

    private static func sqlList(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }
}
