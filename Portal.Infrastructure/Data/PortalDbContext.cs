using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Domain.Organisation;
using Portal.Domain.Registration;
using Portal.Domain.Projects;
using Portal.Domain.TimeLimits;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Escalation;
using Portal.Domain.Requests;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Data;

/// <summary>
/// The portal's one database: Identity's tables, the data-protection keys and the business data.
/// Each provider has a subclass that owns its migrations; code depends on this type only.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Park> Parks => Set<Park>();
    public DbSet<Industry> Industries => Set<Industry>();
    public DbSet<RequestCategory> RequestCategories => Set<RequestCategory>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<JobHeartbeat> JobHeartbeats => Set<JobHeartbeat>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<WorkingPeriod> WorkingPeriods => Set<WorkingPeriod>();
    public DbSet<CalendarRevision> CalendarRevisions => Set<CalendarRevision>();
    public DbSet<TimeLimitPolicy> TimeLimitPolicies => Set<TimeLimitPolicy>();
    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();
    public DbSet<RequestNumberSequence> RequestNumberSequences => Set<RequestNumberSequence>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<PortalNotification> PortalNotifications => Set<PortalNotification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<RequestEscalation> Escalations => Set<RequestEscalation>();
    public DbSet<DailyDigest> DailyDigests => Set<DailyDigest>();
    public DbSet<EnterpriseRegistration> Registrations => Set<EnterpriseRegistration>();
    public DbSet<Portal.Domain.Attachments.Attachment> Attachments => Set<Portal.Domain.Attachments.Attachment>();
    public DbSet<RequestDraft> RequestDrafts => Set<RequestDraft>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<EscalationSettings> EscalationSettings => Set<EscalationSettings>();
    public DbSet<FigureRollupState> FigureRollups => Set<FigureRollupState>();
    public DbSet<FigureDirtyDay> FigureDirtyDays => Set<FigureDirtyDay>();
    public DbSet<FigureDeadlineDay> FigureDeadlineDays => Set<FigureDeadlineDay>();
    public DbSet<FigureEventDay> FigureEventDays => Set<FigureEventDay>();
    public DbSet<FigureDisputeDay> FigureDisputeDays => Set<FigureDisputeDay>();
    public DbSet<FigureReceivedDay> FigureReceivedDays => Set<FigureReceivedDay>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        FigureChanges.Mark(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        await FigureChanges.MarkAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit log is append-only here as in the database (whose trigger also stops raw SQL).</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: an entry is never changed or deleted.");
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcOffsetConverter>();
    }
}
