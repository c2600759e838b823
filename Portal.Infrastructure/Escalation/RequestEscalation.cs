using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Escalation;

/// <summary>
/// 督办升级: one level reached by one deadline of a request. The unique key (request, kind, party,
/// generation, level) makes every level fire once, whatever the number of scans, servers or restarts.
/// </summary>
public sealed class RequestEscalation
{
    public long Id { get; private set; }
    public long RequestId { get; private set; }
    public DeadlineKind Kind { get; private set; }

    /// <summary>The co-handling department for a co-handler reply; 0 otherwise.</summary>
    public int PartyDepartmentId { get; private set; }

    public int Generation { get; private set; }
    public EscalationLevel Level { get; private set; }

    /// <summary>The deadline as it stood when the level was reached.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>When the scan recorded it.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    private RequestEscalation()
    {
    }

    /// <remarks>Notes the level on the deadline too (<see cref="RequestDeadline.RecordedLevel"/>), saved with this row.</remarks>
    public RequestEscalation(long requestId, RequestDeadline deadline, EscalationLevel level, DateTimeOffset now)
    {
        deadline.RecordLevel(level);
        RequestId = requestId;
        Kind = deadline.Kind;
        PartyDepartmentId = deadline.PartyDepartmentId;
        Generation = deadline.Generation;
        Level = level;
        DueAt = deadline.DueAt;
        RecordedAt = now;
    }
}

public static class RecordedEscalations
{
    /// <summary>
    /// The levels recorded for deadlines still running (same request, kind, party and generation, open): how late
    /// requests are now, as the scan told it. What the digest and the queue's filter both read.
    /// </summary>
    public static IQueryable<RequestEscalation> OfRunningDeadlines(this PortalDbContext db) =>
        db.Escalations.Where(e => db.Set<RequestDeadline>().Any(d => EF.Property<long>(d, "RequestId") == e.RequestId
            && d.Status == DeadlineStatus.Open && d.Kind == e.Kind && d.PartyDepartmentId == e.PartyDepartmentId && d.Generation == e.Generation));
}

internal sealed class RequestEscalationConfiguration : IEntityTypeConfiguration<RequestEscalation>
{
    public void Configure(EntityTypeBuilder<RequestEscalation> builder)
    {
        builder.ToTable("Escalations");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Level).HasConversion<string>().HasMaxLength(24);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation, e.Level }).IsUnique();
        // The digest: what reached a level since yesterday's.
        builder.HasIndex(e => new { e.Level, e.RecordedAt });
    }
}
