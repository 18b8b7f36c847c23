/// A field of an event that is missing, of the wrong type, or out of range.
public struct EventFieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field's path, e.g. `data.rate_card[1].rate`.
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Reads typed fields out of a JSON object, naming the full path of any bad field.
public struct FieldReader: Sendable {
    public let object: JSONObject
    public let path: String
    /// Whether ``money(_:allowNegative:)`` refuses amounts finer than a cent: true at the door (input lines),
    /// false when reading events a store already holds (stored before the rule, they must stay readable).
    public let moneyToTheCent: Bool

    public init(_ object: JSONObject, path: String, moneyToTheCent: Bool = true) {
        self.object = object
        self.path = path
        self.moneyToTheCent = moneyToTheCent
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func fail(_ key: String, _ reason: String) -> EventFieldError { EventFieldError(field: fieldPath(key), reason: reason) }

    func required(_ key: String) throws(EventFieldError) -> JSONValue {
        switch object[key] {
        case nil, .null?: throw fail(key, "missing required field")
        case let value?: return value
        }
    }

    func present(_ key: String) -> Bool {
        switch object[key] {
        case nil, .null?: false
        default: true
        }
    }

    /// A required non-empty string of at most `maxLength` characters.
    public func string(_ key: String, maxLength: Int = 1024) throws(EventFieldError) -> String {
        let value = try required(key)
        guard case .string(let text) = value else {
            throw fail(key, "expected a string, got \(value.typeName)")
        }
        guard !text.isEmpty else { throw fail(key, "must not be empty") }
        // Counting characters walks grapheme breaks; the byte count bounds it and is O(1).
        guard text.utf8.count <= maxLength || text.count <= maxLength else {
            throw fail(key, "longer than \(maxLength) characters")
        }
        return text
    }

    /// A required identifier (an id, a system key, an actor): a non-empty string of at most `maxLength` characters
    /// with no control, bidirectional or invisible formatting character (``PrintableText/isUnsafe(_:)``), so an
    /// id can neither be cut short by a NUL in storage nor look like another id on screen.
    public func identifier(_ key: String, maxLength: Int = 1024) throws(EventFieldError) -> String {
        let text = try string(key, maxLength: maxLength)
        if let (scalar, offset) = PrintableText.firstUnsafe(in: text) {
            throw fail(key, "contains the control or invisible character \(PrintableText.codePoint(scalar)) at "
                + "position \(offset + 1); identifiers must be printable")
        }
        return text
    }

    public func optionalIdentifier(_ key: String, maxLength: Int = 1024) throws(EventFieldError) -> String? {
        guard present(key) else { return nil }
        return try identifier(key, maxLength: maxLength)
    }

    public func optionalString(_ key: String, maxLength: Int = 4096) throws(EventFieldError) -> String? {
        guard present(key) else { return nil }
        return try string(key, maxLength: maxLength)
    }

    /// A money, rate or hours value: a JSON number or a decimal string.
    public func decimal(_ key: String, allowNegative: Bool = false) throws(EventFieldError) -> ExactDecimal {
        let value: ExactDecimal
        do {
            switch try required(key) {
            case .number(let lexeme): value = try ExactDecimal(parsing: lexeme)
            case .string(let text): value = try ExactDecimal(parsing: text)
            case let other: throw fail(key, "expected a number or decimal string, got \(other.typeName)")
            }
        } catch let error as DecimalFormatError {
            throw fail(key, error.description)
        } catch let error as EventFieldError {
            throw error
        } catch {
            throw fail(key, "\(error)")
        }
        guard allowNegative || value >= .zero else { throw fail(key, "must not be negative") }
        return value
    }

    public func optionalDecimal(_ key: String) throws(EventFieldError) -> ExactDecimal? {
        present(key) ? try decimal(key) : nil
    }

    /// An amount of money or a rate: a decimal exact to the cent (at most two decimal places that are not zero).
    public func money(_ key: String, allowNegative: Bool = false) throws(EventFieldError) -> ExactDecimal {
        let value = try decimal(key, allowNegative: allowNegative)
        guard !moneyToTheCent || value.rounded(toPlaces: 2) == value else {
            throw fail(key, "\(value) has more than two decimal places: money is exact to the cent")
        }
        return value
    }

    public func optionalMoney(_ key: String) throws(EventFieldError) -> ExactDecimal? {
        present(key) ? try money(key) : nil
    }

    /// A JSON integer no smaller than `minimum`.
    public func integer(_ key: String, minimum: Int) throws(EventFieldError) -> Int {
        let value = try required(key)
        guard case .number(let lexeme) = value else {
            throw fail(key, "expected an integer, got \(value.typeName)")
        }
        guard let value = Int(lexeme) else { throw fail(key, "expected an integer, got \(lexeme)") }
        guard value >= minimum else { throw fail(key, "must be at least \(minimum)") }
        return value
    }

    public func date(_ key: String) throws(EventFieldError) -> CivilDate {
        let text = try string(key, maxLength: 10)
        guard let date = CivilDate(iso: text) else { throw fail(key, "expected a date YYYY-MM-DD, got \(text.debugDescription)") }
        return date
    }

    public func optionalDate(_ key: String) throws(EventFieldError) -> CivilDate? {
        present(key) ? try date(key) : nil
    }

    public func timestamp(_ key: String) throws(EventFieldError) -> Timestamp {
        let text = try string(key, maxLength: 64)
        do { return try Timestamp(rfc3339: text) } catch { throw fail(key, error.description) }
    }

    /// An ISO 4217 currency code (three capital letters).
    public func currency(_ key: String) throws(EventFieldError) -> String {
        let code = try string(key, maxLength: 3)
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw fail(key, "expected an ISO 4217 code such as USD, got \(code.debugDescription)")
        }
        return code
    }

    public func optionalCurrency(_ key: String) throws(EventFieldError) -> String? {
        present(key) ? try currency(key) : nil
    }

    /// One of the raw values of `T`.
    public func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(EventFieldError) -> T
    where T.RawValue == String {
        let text = try string(key, maxLength: 64)
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(key, "\(text.debugDescription) is not one of: \(allowed)")
        }
        return value
    }

    public func object(_ key: String) throws(EventFieldError) -> FieldReader {
        let value = try required(key)
        guard case .object(let nested) = value else {
            throw fail(key, "expected an object, got \(value.typeName)")
        }
        return FieldReader(nested, path: fieldPath(key), moneyToTheCent: moneyToTheCent)
    }

    public func optionalObject(_ key: String) throws(EventFieldError) -> FieldReader? {
        present(key) ? try object(key) : nil
    }

    /// Each element of an array of objects, with paths like `lines[2]`.
    public func objects(_ key: String) throws(EventFieldError) -> [FieldReader] {
        let value = try required(key)
        guard case .array(let items) = value else {
            throw fail(key, "expected an array, got \(value.typeName)")
        }
        var readers: [FieldReader] = []
        readers.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .object(let element) = item else {
                throw EventFieldError(field: fieldPath(key) + "[\(index)]", reason: "expected an object, got \(item.typeName)")
            }
            readers.append(FieldReader(element, path: fieldPath(key) + "[\(index)]", moneyToTheCent: moneyToTheCent))
        }
        return readers
    }

    public func optionalObjects(_ key: String) throws(EventFieldError) -> [FieldReader]? {
        present(key) ? try objects(key) : nil
    }
}
