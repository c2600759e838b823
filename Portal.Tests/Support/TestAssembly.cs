// Web and end-to-end tests host the portal in this process; Hangfire keeps some of its
// configuration in statics, so hosts must not start side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
