extension StepRegistry {
    /// Every step kind Sift ships.
    public static var standard: StepRegistry {
        var registry = StepRegistry()
        registry.register(ReadStep.self)
        registry.register(FilterStep.self)
        registry.register(PIIStep.self)
        registry.register(DedupStep.self)
        registry.register(DecontamStep.self)
        registry.register(SampleStep.self)
        registry.register(DropLabelErrorsStep.self)
        registry.register(SplitStep.self)
        registry.register(WriteStep.self)
        return registry
    }
}
