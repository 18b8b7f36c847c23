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

    /// A JSON array with one object per row, keys in column order, one object per line; money as exact JSON numbers.
    public var json: String {
        let objects = rows.map { row in
            var object = JSONObject()
            for (column, value) in zip(columns, row) { object[column] = Self.json(value) }
            return JSONValue.object(object).serialized
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private static func json(_ value: ExportValue) -> JSONValue {
        switch value {
        case .text: .string(value.exportText)
        case .decimal, .integer: .number(value.exportText)
        case .none: .null
        }
    }
}

/// What `:export` and `--csv` write.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    case csv, json
}
