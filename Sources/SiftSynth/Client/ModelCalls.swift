/// Sends a batch of requests at once (the client bounds how many are in flight) and returns the
/// answers in request order. A request the server rejects on its merits becomes a failure for that
/// item; any other error stops the batch and is thrown, since it would fail the rest too.
public func completeAll(_ requests: [ChatRequest], with client: ModelClient) async throws -> [Result<ChatCompletion, ModelError>] {
    try await withThrowingTaskGroup(of: (Int, Result<ChatCompletion, ModelError>).self) { group in
        for (index, request) in requests.enumerated() {
            group.addTask {
                // Bind the outcome before building the tuple. Swift 6.3.1's optimised build
                // miscompiles a task closure that returns a tuple literal holding a `try await`
                // inside `do`/`catch`: LLVM's dead-store elimination drops the store of `index`
                // into the task's result, so every answer arrived as index 0 (and the results
                // array held nils: the release-only SIGILL of issue 14). Reproduction and bisection
                // in docs/synth.md, "Release-build defect".
                let outcome = try await itemOutcome(of: request, with: client)
                return (index, outcome)
            }
        }
        var results = [Result<ChatCompletion, ModelError>?](repeating: nil, count: requests.count)
        for try await (index, result) in group {
            precondition(results[index] == nil, "answer \(index) arrived twice")
            results[index] = result
        }
        return results.enumerated().map { index, result in
            guard let result else { preconditionFailure("no answer for request \(index)") }
            return result
        }
    }
}

/// One request's answer, or its failure when the server refused that request on its merits; errors
/// that would fail every request are thrown.
private func itemOutcome(of request: ChatRequest, with client: ModelClient) async throws -> Result<ChatCompletion, ModelError> {
    do {
        return .success(try await client.complete(request))
    } catch let error as ModelError where error.isItemFailure {
        return .failure(error)
    }
}
