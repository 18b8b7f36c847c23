import SignalboxCore
import SignalboxStore

/// The exception queue's reads and writes, run off the UI thread as the console's user.
extension EffectRunner {
    /// Reads list as of the fixed as-of when there is one; writes are stamped with the clock (simulated in a demo).
    func performQueue(_ effect: ConsoleEffect) async -> ConsoleMessage? {
        let now = settings.fixedAsOf ?? dataClock()
        switch effect {
        case .loadQueue(let query, let append):
            do throws(StoreError) {
                return .queueLoaded(query, try await store.exceptionRows(query, now: now), append: append, asOf: now)
            } catch {
                logger.warning("exception queue failed: \(error)")
                return .queueFailed(query, error)
            }
        case .loadGroups(let grouping, let query):
            do throws(StoreError) {
                return .groupsLoaded(grouping, try await store.exceptionGroups(grouping, query: query, now: now))
            } catch {
                return .queueFailed(query, error)
            }
        case .loadException(let id):
            do throws(StoreError) {
                let record = try await store.exceptionRecord(id: id)
                var suggestion: RememberedMapping?
                if let subject = record?.subject { suggestion = try await store.mappingSuggestion(for: RecordKey(subject)) }
                let runbook = record.map { RunbookCatalog(environment: environment).lookup($0.kind) }
                if case .failure(let problem)? = runbook { logger.warning("runbook: \(problem)") }
                return .exceptionLoaded(id: id, record, suggestion: suggestion, policy: try await store.reprocessPolicy(),
                                        runbook: runbook)
            } catch {
                return .exceptionFailed(id: id, error)
            }
        case .previewResolveAll(let plan):
            guard case .resolveAll(let subject, let target, let note) = plan else { return nil }
            do throws(StoreError) {
                return .resolveAllPreviewed(plan, try await store.previewResolveAll(subject: subject, target: target, note: note,
                                                                                    by: settings.userName, now: dataClock()))
            } catch {
                return .resolveAllPreviewFailed(error)
            }
        case .write(let plan):
            await reportWaitingWrites()
            return .writeFinished(await write(plan, now: dataClock()))
        default:
            return nil
        }
    }

    /// Writes each item of `plan` separately; a failure is recorded and the rest still written.
    private func write(_ plan: WritePlan, now: Timestamp) async -> WriteOutcome {
        let user = settings.userName
        switch plan {
        case .each(let command, let targets):
            var written: [String] = []
            var failures: [FailedAction] = []
            for target in targets {
                do throws(StoreError) {
                    _ = try await store.perform(command, on: target.exceptionID, seenVersion: target.seenVersion, by: user, now: now)
                    written.append(target.exceptionID)
                    logger.info("\(user): \(WritePlan.describe(command)) \(target.exceptionID) (seen version \(target.seenVersion))")
                } catch {
                    logger.warning("\(user): \(WritePlan.describe(command)) \(target.exceptionID) failed: \(error)")
                    failures.append(FailedAction(exceptionID: target.exceptionID, error: .store(error)))
                }
            }
            return WriteOutcome(plan: plan, written: written, failures: failures)
        case .resolveAll:
            return WriteOutcome(plan: plan, written: [], failures: [])
        case .resolveListed(let listed):
            do throws(StoreError) {
                let outcome = try await store.resolveAll(listed, by: user, now: now)
                logger.info("\(user): resolved \(outcome.resolvedIDs.joined(separator: ", ")) about \(listed.subject) as \(listed.target)")
                for failure in outcome.failures { logger.warning("\(user): \(failure.exceptionID) not resolved: \(failure.error)") }
                return WriteOutcome(plan: plan, written: outcome.resolvedIDs, failures: outcome.failures)
            } catch {
                return WriteOutcome(plan: plan, written: [], failures: [FailedAction(exceptionID: listed.subject.description, error: .store(error))])
            }
        }
    }
}
