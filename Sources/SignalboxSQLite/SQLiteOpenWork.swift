/// Schema 21: the golden signals' open work read at the cost of what changed after T, not of every exception or invoice
/// ever stored. The exceptions no closing has reached are indexed by kind (the backlog's counts walk them in groups
/// without sorting) and by when their kind last changed (those raised again after T are a range); the invoices unpaid
/// today are summed per currency by triggers (`invoices_outstanding`), so §8's amount outstanding at T is that sum less
/// the invoices whose posting or payments moved after T.
enum SQLiteOpenWork {
    /// The migration: both indexes, the sums with their first fill, and the triggers that keep them.
    static var schema: String {
        """
        CREATE INDEX exceptions_unclosed_by_kind ON exceptions(kind, raised_at, kind_at, closed_at) WHERE closed_at IS NULL;
        CREATE INDEX exceptions_unclosed_by_kind_change ON exceptions(kind_at, raised_at, closed_at) WHERE closed_at IS NULL;
        CREATE TABLE invoices_outstanding (
            currency   TEXT    PRIMARY KEY,
            invoices   INTEGER NOT NULL, -- unpaid today
            owed_units INTEGER NOT NULL  -- Σ (total − paid so far) over them
        ) WITHOUT ROWID;
        INSERT INTO invoices_outstanding
            SELECT currency, count(*), sum(total_units - paid_units) FROM invoices WHERE paid_at IS NULL GROUP BY currency;
        CREATE TRIGGER invoices_outstanding_insert AFTER INSERT ON invoices WHEN new.paid_at IS NULL BEGIN \(add("new.")) END;
        CREATE TRIGGER invoices_outstanding_update_out AFTER UPDATE ON invoices WHEN old.paid_at IS NULL BEGIN \(remove("old.")) END;
        CREATE TRIGGER invoices_outstanding_update_in AFTER UPDATE ON invoices WHEN new.paid_at IS NULL BEGIN \(add("new.")) END;
        CREATE TRIGGER invoices_outstanding_delete AFTER DELETE ON invoices WHEN old.paid_at IS NULL BEGIN \(remove("old.")) END;
        """
    }

    /// The invoices unpaid today and what they owe, per currency.
    static let outstandingToday: StaticString = "SELECT currency, invoices, owed_units FROM invoices_outstanding"

    /// The invoices unpaid today whose latest posting or latest payment lies after T (`?1`), per currency, as
    /// ``outstandingToday`` counts them: what it holds that the projection cannot say as of T. Each half of the `OR` is
    /// a range of its own index (`+paid_at` keeps the planner off the payment index, where the unpaid are every
    /// invoice unpaid today).
    static let outstandingMovedAfterT: StaticString = """
        SELECT currency, count(*), sum(total_units - paid_units) FROM invoices
        WHERE +paid_at IS NULL AND (latest_posting_at > ?1 OR last_payment_at > ?1) GROUP BY currency
        """

    /// Counts the unpaid invoice `row` (`new.` or `old.`) in its currency's sums.
    private static func add(_ row: String) -> String {
        """
        INSERT INTO invoices_outstanding (currency, invoices, owed_units) VALUES (\(row)currency, 1, \(row)total_units - \(row)paid_units)
            ON CONFLICT (currency) DO UPDATE SET invoices = invoices + 1, owed_units = owed_units + excluded.owed_units;
        """
    }

    /// Takes the unpaid invoice `row` out of its currency's sums; a currency left with none goes.
    private static func remove(_ row: String) -> String {
        """
        UPDATE invoices_outstanding SET invoices = invoices - 1, owed_units = owed_units - (\(row)total_units - \(row)paid_units)
            WHERE currency = \(row)currency;
        DELETE FROM invoices_outstanding WHERE currency = \(row)currency AND invoices = 0;
        """
    }
}
