import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// The studio's HTTP server: one process, Hummingbird 2 on SwiftNIO, over a `StudioStore`.
public struct StudioServer: Sendable {
    public let store: StudioStore
    public var host: String
    public var port: Int
    /// Server log level (requests that fail inside the server are logged at `.error`).
    public var logLevel: Logger.Level = .warning

    public init(store: StudioStore, host: String = "127.0.0.1", port: Int = 8080) {
        self.store = store
        self.host = host
        self.port = port
    }

    func router() -> Router<StudioContext> {
        let router = Router(context: StudioContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: SessionMiddleware(store: store))
        APIRoutes(store: store).register(on: router)
        PageRoutes(store: store).register(on: router)
        return router
    }

    /// Serves until the task is cancelled (or, with `handleSignals`, the process gets SIGINT or
    /// SIGTERM, which shut it down gracefully). `onRunning` gets the bound port (useful with port
    /// 0, which picks a free one).
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "sift.studio")
        logger.logLevel = logLevel
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "sift-studio"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let checkpointer = try store.checkpointInBackground()
        defer { checkpointer.stop() }
        if handleSignals { try await app.runService() } else { try await app.run() }
    }
}
