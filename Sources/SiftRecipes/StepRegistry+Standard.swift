extension StepRegistry {
    /// Every step kind Sift ships.
    public static var standard: StepRegistry {
        var registry = StepRegistry()
        registry.register(ReadStep.self)
        registry.register(SampleStep.self)
        registry.register(WriteStep.self)
        return registry
    }
}
