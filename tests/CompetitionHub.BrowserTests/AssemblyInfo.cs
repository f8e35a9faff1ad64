// One app host and one browser at a time: Hangfire's static state, and two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
