/// A column of the exception queue that rows can be sorted by.
public enum ExceptionSortKey: String, CaseIterable, Sendable {
    case age, kind, severity, subject, contract, amount, state, assignee
}
