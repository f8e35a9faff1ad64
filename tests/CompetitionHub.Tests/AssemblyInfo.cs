// The app hosts in these tests run Hangfire servers, and Hangfire keeps static state (HangfireIO/Hangfire#2151):
// two hosts alive at once in one process would pick up each other's jobs. One host at a time, then.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
