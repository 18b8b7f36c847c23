/// SQL that takes a migrated store back to an earlier schema version, for tests of the upgrade from it. Each undoes its
/// version and every later one it knows of; run the later ones' first.
public enum PostgresSchemaDowngrade {
    /// Back to schema 11: without the hourly sums of never-billed time (schema 12).
    public static let toVersion11 = """
        DROP FUNCTION signalbox_count_unbilled_hours() CASCADE;
        DROP TABLE unbilled_hours;
        DELETE FROM schema_version WHERE version >= 12;
        """

    /// Back to schema 10: without the open work's partial index and kept sums (schema 11).
    public static let toVersion10 = toVersion11 + "\n" + """
        DROP INDEX exceptions_unclosed;
        DROP FUNCTION signalbox_count_outstanding() CASCADE;
        DROP TABLE invoices_outstanding;
        DELETE FROM schema_version WHERE version >= 11;
        """
}
