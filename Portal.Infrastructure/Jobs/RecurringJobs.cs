using Hangfire;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Jobs;

/// <summary>Every recurring job of the portal, registered (or updated) at start by id, in the district's time zone.</summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs)
    {
        var options = new RecurringJobOptions { TimeZone = JobsOptions.TimeZone };
        jobs.AddOrUpdate<HeartbeatJob>(HeartbeatJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), options);
        // In a queue of its own, with a worker of its own (DependencyInjection.AddPortalJobs): never behind e-mail deliveries.
        jobs.AddOrUpdate<EscalationJob>(EscalationJob.RecurringJobId, EscalationJob.Queue, job => job.ScanAsync(CancellationToken.None), EscalationJob.Cron, options);
        jobs.AddOrUpdate<AutoCloseJob>(AutoCloseJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), options);
        jobs.AddOrUpdate<DailyDigestJob>(DailyDigestJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), DailyDigestJob.Cron, options);
        jobs.AddOrUpdate<OutboxDeliveryJob>(OutboxDeliveryJob.RecurringJobId, job => job.SweepAsync(CancellationToken.None), OutboxDeliveryJob.SweepCron, options);
        jobs.AddOrUpdate<DraftAttachmentSweepJob>(
            DraftAttachmentSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), DraftAttachmentSweepJob.Cron, options);
        jobs.AddOrUpdate<FigureRollupJob>(FigureRollupJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), options);
    }
}
