/// Sends a batch of requests at once (the client bounds how many are in flight) and returns the
/// answers in request order. A request the server rejects on its merits becomes a failure for that
/// item; any other error stops the batch and is thrown, since it would fail the rest too.
public func completeAll(_ requests: [ChatRequest], with client: ModelClient) async throws -> [Result<ChatCompletion, ModelError>] {
    try await withThrowingTaskGroup(of: (Int, Result<ChatCompletion, ModelError>).self) { group in
        for (index, request) in requests.enumerated() {
            group.addTask {
                do { return (index, .success(try await client.complete(request))) } catch let error as ModelError where error.isItemFailure {
                    return (index, .failure(error))
                }
            }
        }
        var results = [Result<ChatCompletion, ModelError>?](repeating: nil, count: requests.count)
        for try await (index, result) in group { results[index] = result }
        return results.map { $0! }
    }
}
