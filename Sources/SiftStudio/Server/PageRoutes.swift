import Hummingbird
import SiftCore
import SiftLabel

/// The pages. Each reads through `StudioStore` with the caller's role, exactly as the API does.
struct PageRoutes {
    let store: StudioStore

    func register(on router: Router<StudioContext>) {
        router.get("/", use: dashboard)
        router.get("login", use: login)
        router.get("admin", use: admin)
        router.get("projects/:id", use: project)
        router.get("projects/:id/annotate", use: annotate)
        router.get("projects/:id/guidelines", use: guidelines)
        router.get("projects/:id/agreement", use: agreement)
        router.get("projects/:id/monitor", use: monitor)
        router.get("static/studio.js") { _, _ in Reply.bytes(Array(StudioAssets.script.utf8), contentType: "text/javascript; charset=utf-8") }
        router.get("static/studio.css") { _, _ in Reply.bytes(Array(StudioAssets.style.utf8), contentType: "text/css; charset=utf-8") }
    }

    func session(_ context: StudioContext) throws(StudioError) -> StudioSession {
        guard let session = context.session else { throw StudioError(.unauthenticated, "sign in first") }
        return session
    }

    @Sendable func login(_ request: Request, context: StudioContext) async throws -> Response {
        context.session == nil ? Reply.html(Pages.login()) : Reply.redirect("/")
    }

    @Sendable func dashboard(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        return Reply.html(Pages.dashboard(session, projects: try store.projects()))
    }

    @Sendable func admin(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        try store.requireAdmin(session.user)
        return Reply.html(Pages.admin(session, users: try store.users()))
    }

    @Sendable func project(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        let project = try store.project(try context.projectID())
        let id = project.id
        return Reply.html(Pages.project(
            session, project, counts: try await store.itemCounts(project: id), progress: try await store.progress(project: id, caller: session.user),
            remaining: try await store.remaining(project: id), pilotMembers: session.user.role.seesEveryone ? try await store.pilotMembers(project: id) : [],
            rejects: session.user.role.seesEveryone ? try await store.importRejects(project: id) : (0, [])))
    }

    @Sendable func annotate(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        let project = try store.project(try context.projectID())
        let first = try await store.next(project: project.id, user: session.user)
        let guidelines = try await store.guidelines(project: project.id).last
        return Reply.html(Pages.annotate(session, project, first: first, guidelines: guidelines))
    }

    @Sendable func guidelines(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        let project = try store.project(try context.projectID())
        return Reply.html(Pages.guidelines(session, project, versions: try await store.guidelines(project: project.id)))
    }

    @Sendable func agreement(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        let project = try store.project(try context.projectID())
        do {
            let window = try APIRoutes.window(request)
            return Reply.html(Pages.agreement(session, project, try await store.agreement(project: project.id, user: session.user, window: window)))
        } catch let error as SiftError {
            return Reply.html(Pages.noAgreement(session, project, reason: error.message))
        }
    }

    @Sendable func monitor(_ request: Request, context: StudioContext) async throws -> Response {
        let session = try session(context)
        let project = try store.project(try context.projectID())
        let window = try APIRoutes.window(request, default: .day)
        do {
            return Reply.html(Pages.monitor(session, project, try await store.monitor(project: project.id, user: session.user, window: window)))
        } catch let error as SiftError {
            return Reply.html(Pages.noAgreement(session, project, reason: error.message))
        }
    }
}
