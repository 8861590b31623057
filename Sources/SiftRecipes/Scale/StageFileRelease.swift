import Foundation
import SiftCore

/// A sharded run's work directory would otherwise hold one full copy of the data per per-record
/// stage (about 6× the input for read → filter → pii → dedup → split): a stage's shard files
/// (`out-i.jsonl`) are deleted as soon as every stage that reads them has finished, which bounds
/// the work directory at about two copies plus what was removed. Rejects, `write` parts and the
/// dedup stages' signature files stay: the outputs are assembled from them.
///
/// A `released` file in the stage's directory records the deletion (written before the first
/// file goes, so a crash midway still counts as released). `--resume` then reruns a released
/// stage whenever a stage that reads it must run again, back to the files that still exist (the
/// input files at worst), like a lost partition recomputed from its lineage.
struct StageFileRelease {
    let plan: ScalePlan
    let workdir: ScaleWorkdir

    /// The stages that read `name`'s shard files.
    func readers(of name: String) -> [ScalePlan.Stage] {
        plan.stages.filter { $0.source.map(plan.recordsStage) == name }
    }

    func isReleased(_ name: String) -> Bool { FileManager.default.fileExists(atPath: workdir.released(name)) }

    /// After a task of `stage` finished: releases every stage it reads whose readers have all
    /// finished. Each task checks after writing its own marker, so the last one to finish sees
    /// every marker, whichever it is.
    func afterTask(of stage: ScalePlan.Stage) throws {
        guard !FileManager.default.fileExists(atPath: workdir.keepStageFiles), let source = stage.source else { return }
        let name = plan.recordsStage(source)
        guard let owner = plan.stage(named: name), !isReleased(name) else { return }
        let readers = readers(of: name)
        guard readers.allSatisfy({ workdir.pending($0).isEmpty }) else { return }
        try writeFileAtomically(workdir.released(name), readers.map(\.name).joined(separator: "\n") + "\n")
        for shard in 0..<owner.tasks { try? FileManager.default.removeItem(atPath: workdir.output(name, shard)) }
    }

    /// Before a resumed run: a stage that will run again (a task without its marker) and reads a
    /// released stage needs that stage again, so the released stage's markers go (and with them,
    /// by the run's rule, every later stage's); repeated until no such stage is left.
    func restoreLineage() {
        let fm = FileManager.default
        var changed = true
        while changed {
            changed = false
            for stage in plan.stages where !workdir.pending(stage).isEmpty {
                guard let source = stage.source else { continue }
                let name = plan.recordsStage(source)
                guard isReleased(name), let owner = plan.stage(named: name) else { continue }
                for task in 0..<owner.tasks { try? fm.removeItem(atPath: workdir.marker(name, task)) }
                try? fm.removeItem(atPath: workdir.released(name))
                changed = true
            }
        }
    }
}
