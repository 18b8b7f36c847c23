import SignalboxCore
import SignalboxStore

/// Opening, loading and refreshing the exception queue and its detail view (part of `ConsoleUpdate.update`).
enum QueueUpdate {
    /// Shows the queue (`:exceptions`, `e` on the dashboard, Enter on the Exceptions tile) and loads its first page.
    static func open(_ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        var query = ExceptionQuery()
        query.atRiskFirstBefore = state.closePeriod?.cutoff
        let screen = QueueScreen(query: query)
        state.screen = .queue(screen)
        state.back = []
        return (state, reloadEffects(screen))
    }

    /// Reloads the rows in reach (``QueueScreen/rowsInReach``), the groups and the open detail.
    static func reloadEffects(_ screen: QueueScreen) -> [ConsoleEffect] {
        var query = screen.query
        query.limit = screen.rowsInReach
        var effects: [ConsoleEffect] = [.loadQueue(query, append: false)]
        if let grouping = screen.grouping { effects.append(.loadGroups(grouping, screen.query)) }
        if let detail = screen.detail { effects.append(.loadException(id: detail.exceptionID)) }
        return effects
    }

    /// `screen` reset to its first page for a changed query, with the load effects.
    static func requery(_ screen: QueueScreen) -> (QueueScreen, [ConsoleEffect]) {
        var screen = screen
        screen.clearRows()
        screen.selected = 0
        screen.loading = true
        screen.loadingGroups = screen.grouping != nil
        screen.hasMore = false
        screen.error = nil
        return (screen, reloadEffects(screen))
    }

    /// The next page when the selection comes within a screenful of the last loaded row.
    static func pageIfNeeded(_ screen: QueueScreen, visibleRows: Int) -> (QueueScreen, [ConsoleEffect]) {
        guard screen.grouping == nil, screen.hasMore, !screen.loading, let last = screen.rows.last,
              screen.selected + visibleRows >= screen.rows.count else { return (screen, []) }
        var screen = screen
        var query = screen.query
        query.after = last.cursor
        query.limit = QueueScreen.pageSize
        screen.loading = true
        return (screen, [.loadQueue(query, append: true)])
    }

    static func handle(_ message: ConsoleMessage, in state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        switch message {
        case .resolveAllPreviewed(let plan, let listed):
            guard state.dialog == .previewing(plan) else { return (state, []) }
            if listed.included.isEmpty {
                state.dialog = nil
                state.message = listed.refused.isEmpty ? "nothing to resolve: no open exception is about that subject"
                    : "nothing to resolve: the rules refuse all \(listed.refused.count) — \(listed.refused[0].item.exceptionID): \(listed.refused[0].error)"
            } else {
                state.dialog = .confirm(.resolveListed(listed), lines: BulkResolutionDialog.lines(listed))
            }
            return (state, [])
        case .resolveAllPreviewFailed(let error):
            state.dialog = nil
            state.message = "cannot preview: \(error)"
            return (state, [])
        case .writeWaiting:
            state.message = "waiting for another writer… (the action goes ahead once it commits)"
            return (state, [])
        case .writeFinished(let outcome):
            state.message = outcome.message
            guard case .queue(var screen) = state.screen else { return (state, []) }
            screen.marked.subtract(outcome.written)
            state.screen = .queue(screen)
            return (state, reloadEffects(screen))
        default:
            break
        }
        guard case .queue(var screen) = state.screen else { return (state, []) }
        switch message {
        case .queueLoaded(let query, let rows, let append, let asOf):
            guard same(query, screen.query) else { return (state, []) }
            let seen = append ? nil : screen.selectedRow?.exceptionID
            screen.load(rows, append: append, asOf: asOf)
            screen.hasMore = rows.count >= query.limit
            screen.loading = false
            screen.error = nil
            if screen.grouping == nil {
                if let seen, let index = screen.rows.firstIndex(where: { $0.exceptionID == seen }) {
                    screen.selected = index
                } else {
                    if let seen { state.message = state.message ?? "\(seen) left this list" }
                    screen.selected = min(screen.selected, max(0, screen.rows.count - 1))
                }
            }
        case .queueFailed(let query, let error):
            guard same(query, screen.query) else { return (state, []) }
            screen.loading = false
            screen.loadingGroups = false
            screen.error = error
        case .groupsLoaded(let grouping, let groups):
            guard screen.grouping == grouping else { return (state, []) }
            screen.load(groups, as: grouping)
            screen.selected = min(screen.selected, max(0, groups.count - 1))
        case .exceptionLoaded(let id, let record, let suggestion, let policy, let runbook):
            guard var detail = screen.detail, detail.exceptionID == id else { return (state, []) }
            detail.record = record
            detail.suggestion = suggestion
            detail.policy = policy
            detail.runbook = runbook
            detail.error = record == nil ? .notFound("exception \(id)") : nil
            screen.detail = detail
        case .exceptionFailed(let id, let error):
            guard var detail = screen.detail, detail.exceptionID == id else { return (state, []) }
            detail.error = error
            screen.detail = detail
        default:
            return (state, [])
        }
        state.screen = .queue(screen)
        return (state, [])
    }

    /// The same filters and order (the page cursor and size aside).
    static func same(_ a: ExceptionQuery, _ b: ExceptionQuery) -> Bool {
        var a = a, b = b
        a.after = nil
        b.after = nil
        a.limit = 0
        b.limit = 0
        return a == b
    }
}
