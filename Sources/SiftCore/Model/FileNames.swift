import Synchronization

/// The file names records come from, interned: a `RecordLocation` holds a small number instead of
/// the path. Millions of records share a handful of paths; had each held the path's `String`,
/// every copy and free of a record on any core would touch that one string's reference count, and
/// the cores would spend their time passing its cache line back and forth (measured: most of the
/// extra CPU of two-thread runs).
enum FileNames {
    private struct Table {
        var names: [String] = []
        var ids: [String: Int32] = [:]
    }

    private static let table = Mutex(Table())

    /// The id of `name`, registering it on first use.
    static func id(of name: String) -> Int32 {
        table.withLock { table in
            if let id = table.ids[name] { return id }
            let id = Int32(table.names.count)
            table.names.append(name)
            table.ids[name] = id
            return id
        }
    }

    static func name(_ id: Int32) -> String {
        table.withLock { $0.names[Int(id)] }
    }
}
