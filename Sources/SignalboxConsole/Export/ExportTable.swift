import SignalboxCore

/// A table as exported: machine column names (`exception_id`, `amount_at_risk`) and typed values, every row the
/// screen or command holds after its filter and sort.
public struct ExportTable: Equatable, Sendable {
    public var columns: [String]
    /// Each row has one value per column.
    public var rows: [[ExportValue]]

    public init(columns: [String], rows: [[ExportValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The table in `format`: CSV (``csv``) or a JSON array (``json``).
    public func rendered(as format: ExportFormat) -> String {
        switch format {
        case .csv: csv
        case .json: json
        }
    }

    /// RFC 4180: a header record, then one record per row, CRLF after every record (see ``CSVWriter``).
    public var csv: String {
        CSVWriter.document([columns] + rows.map { $0.map(\.exportText) })
    }

    /// JSON Lines: one object per row, keys in column order, each line ended by a line feed; money as exact JSON numbers.
    public var jsonLines: String {
        rows.map { JSONValue.object(object($0)).serialized + "\n" }.joined()
    }

    /// A JSON array with one object per row, keys in column order, one object per line; money as exact JSON numbers.
    public var json: String {
        let objects = rows.map { JSONValue.object(object($0)).serialized }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private func object(_ row: [ExportValue]) -> JSONObject {
        var object = JSONObject()
        for (column, value) in zip(columns, row) { object[column] = Self.json(value) }
        return object
    }

    private static func json(_ value: ExportValue) -> JSONValue {
        switch value {
        case .text: .string(value.exportText)
        case .decimal, .integer, .product: .number(value.exportText)
        case .none: .null
        }
    }
}

/// What `:export` and `--csv` write.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    case csv, json
}
