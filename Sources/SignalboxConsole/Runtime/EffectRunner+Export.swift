import SignalboxCore
import SignalboxStore

/// `:export`: reads every row of the table again (the screen holds only the first pages) and writes the file.
extension EffectRunner {
    /// Rows an export reads at most from a drill-down (all of them in practice).
    static let exportLimit = Int(Int32.max)

    func export(_ job: ExportJob) async -> ConsoleMessage {
        let table: ExportTable
        do throws(StoreError) {
            switch job.target {
            case .queue(let query, let asOf):
                table = ExceptionExport.table(try await store.allExceptionRows(query, now: asOf))
            case .groups(let groups):
                table = ExceptionExport.table(groups)
            case .table(let source, let view):
                table = try await self.table(for: source, limit: Self.exportLimit).exported(view)
            }
        } catch {
            logger.warning("export read failed: \(error)")
            return .exportFailed(error.description)
        }
        let path = ExportFile.expand(job.path, home: environment["HOME"])
        do throws(ExportFile.Failure) {
            try ExportFile.write(table.rendered(as: job.format), to: path)
        } catch {
            logger.warning("export failed: \(error)")
            return .exportFailed(error.description)
        }
        logger.info("exported \(table.rows.count) rows to \(path) as \(job.format.rawValue)")
        return .exported(path: path, rows: table.rows.count)
    }
}
