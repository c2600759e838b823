using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Calendar;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(ServiceRequest.NumberMaxLength).IsUnicode(false);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.Title).HasMaxLength(ServiceRequest.TitleMaxLength);
        builder.Property(r => r.Description).HasMaxLength(ServiceRequest.DescriptionMaxLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Satisfaction).HasConversion<string>().HasMaxLength(24);
        foreach (var userId in new[] { nameof(ServiceRequest.SubmittedByUserId), nameof(ServiceRequest.CommissionerUserId),
                     nameof(ServiceRequest.CadreUserId), nameof(ServiceRequest.DispatchedByUserId), nameof(ServiceRequest.LeadHandlerUserId) })
        {
            builder.Property(userId).HasMaxLength(450);
        }
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Targets)
            .HasConversion(TargetsJson.Converter, TargetsJson.Comparer)
            .HasMaxLength(1000);
        builder.PrimitiveCollection(r => r.ReturnedByDepartments).HasField("_returnedBy");

        builder.HasOne<Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RequestCategory>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(r => r.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(r => r.Timeline).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Timeline).HasField("_timeline");
        builder.HasMany(r => r.Deadlines).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Deadlines).HasField("_deadlines");
        builder.HasMany(r => r.CoHandlers).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.CoHandlers).HasField("_coHandlers");

        // The list pages sort by submission within a scope; keyset cursors pair it with the id.
        builder.HasIndex(r => new { r.EnterpriseId, r.SubmittedAt, r.Id });
        builder.HasIndex(r => new { r.LeadDepartmentId, r.SubmittedAt, r.Id });
        builder.HasIndex(r => new { r.CommissionerUserId, r.SubmittedAt, r.Id });
        builder.HasIndex(r => new { r.State, r.SubmittedAt, r.Id });
        builder.HasIndex(r => new { r.SubmittedAt, r.Id });
        // "Recently updated" lists: staff by any activity, the enterprise by what it may see.
        builder.HasIndex(r => new { r.LastActivityAt, r.Id });
        builder.HasIndex(r => new { r.EnterpriseId, r.LastPublicActivityAt, r.Id });
        // The supervisors' 待审批延期 desk: the few requests with an extension asked (the plan guard, bench/README.md).
        builder.HasIndex(r => r.PendingExtensionDays);
        // The queue (工作台): a tab's states, its running deadline due first (bench/README.md). Supervisors see every
        // request, so a tab is a walk of (State, NextDueAt, Id); the other scopes find their open rows through their
        // own column with the state, so neither the tab counts nor a page reads a scope's closed years.
        builder.HasIndex(r => new { r.State, r.NextDueAt, r.Id });
        // A commissioner's "needs me" (their own requests: to dispatch, or handled by them) is counted from this index
        // alone, HandledByCommissioner included, and a tab of it is a walk in deadline order.
        builder.HasIndex(r => new { r.CommissionerUserId, r.State, r.NextDueAt, r.Id, r.HandledByCommissioner });
        builder.HasIndex(r => new { r.EnterpriseId, r.State });
        builder.HasIndex(r => new { r.LeadDepartmentId, r.State });
        builder.HasIndex(r => new { r.CadreUserId, r.State });
    }
}

internal sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> builder)
    {
        builder.ToTable("RequestEvents");
        builder.Property<long>("RequestId");
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.StateAfter).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ReturnReason).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Satisfaction).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorRole).HasMaxLength(32);
        builder.Property(e => e.TargetUserId).HasMaxLength(450);
        builder.Property(e => e.Text).HasMaxLength(RequestEvent.TextMaxLength);
        builder.HasIndex("RequestId", nameof(RequestEvent.Sequence)).IsUnique();
        // The figures (三率): the events of some actions in a period; PostgreSQL answers from the index alone.
        builder.HasIndex(e => new { e.Action, e.At })
            .IncludeProperties("RequestId", nameof(RequestEvent.DepartmentId), nameof(RequestEvent.StateAfter), nameof(RequestEvent.Solved),
                nameof(RequestEvent.Satisfaction));
    }
}

internal sealed class RequestDeadlineConfiguration : IEntityTypeConfiguration<RequestDeadline>
{
    public void Configure(EntityTypeBuilder<RequestDeadline> builder)
    {
        builder.ToTable("RequestDeadlines");
        builder.Property<long>("RequestId");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Unit).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex("RequestId", nameof(RequestDeadline.Kind), nameof(RequestDeadline.PartyDepartmentId), nameof(RequestDeadline.Generation)).IsUnique();
        builder.Property(d => d.RecordedLevel).HasConversion<string>().HasMaxLength(24);
        // The load now (DistrictFigures): the worst level recorded on each open request's running deadlines, a small index.
        builder.HasIndex(["RequestId", nameof(RequestDeadline.RecordedLevel)], "IX_RequestDeadlines_Running_RecordedLevel")
            .HasFilter("\"Status\" = 'Open' AND \"RecordedLevel\" IS NOT NULL");
        // The figures' running deadlines, counted live beside the rollup (decision 019): the few still open or paused.
        builder.HasIndex(d => new { d.Kind, d.DueAt }, "IX_RequestDeadlines_Running_Kind_DueAt")
            .IncludeProperties(nameof(RequestDeadline.Status), nameof(RequestDeadline.PausedAt), nameof(RequestDeadline.EndedAt), nameof(RequestDeadline.DepartmentId))
            .HasFilter("\"Status\" IN ('Open', 'Paused')");
        // The escalation scan: running deadlines by due time.
        builder.HasIndex(d => new { d.Status, d.DueAt });
        // The figures (三率): the sign and resolve deadlines falling in a period; PostgreSQL answers from the index alone.
        builder.HasIndex(d => new { d.Kind, d.DueAt })
            .IncludeProperties("RequestId", nameof(RequestDeadline.Status), nameof(RequestDeadline.EndedAt), nameof(RequestDeadline.PausedAt),
                nameof(RequestDeadline.DepartmentId), nameof(RequestDeadline.StartedAt), nameof(RequestDeadline.PausedWorkingTime));
    }
}

internal sealed class CoHandlerConfiguration : IEntityTypeConfiguration<CoHandler>
{
    public void Configure(EntityTypeBuilder<CoHandler> builder)
    {
        builder.ToTable("RequestCoHandlers");
        builder.Property<long>("RequestId");
        builder.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("RequestId", nameof(CoHandler.DepartmentId)).IsUnique();
        // A department's co-handled requests (its scope, its queue) read from the index alone.
        builder.HasIndex(nameof(CoHandler.DepartmentId), "RequestId");
    }
}

/// <summary>The copied targets are read whole and never queried, so they are kept as one JSON text.</summary>
internal static class TargetsJson
{
    private sealed record Limit(int Amount, TimeLimitUnit Unit);

    private sealed record Stored(
        Limit Dispatch, Limit Sign, Limit FirstReply, Limit ResolveSingle, Limit ResolveWithCoHandlers, Limit CoHandlerReply,
        Limit ReturnWindow, Limit EvaluationWindow, int MaxExtensions);

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<RequestTargets, string> Converter =
        new(targets => Write(targets), json => Read(json));

    public static readonly ValueComparer<RequestTargets> Comparer = new((a, b) => a == b, t => t.GetHashCode(), t => t);

    private static string Write(RequestTargets t) => JsonSerializer.Serialize(new Stored(
        L(t.Dispatch), L(t.Sign), L(t.FirstReply), L(t.ResolveSingle), L(t.ResolveWithCoHandlers), L(t.CoHandlerReply),
        L(t.ReturnWindow), L(t.EvaluationWindow), t.MaxExtensions));

    private static RequestTargets Read(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidOperationException("Stored request targets are empty.");
        return new RequestTargets(T(s.Dispatch), T(s.Sign), T(s.FirstReply), T(s.ResolveSingle), T(s.ResolveWithCoHandlers),
            T(s.CoHandlerReply), T(s.ReturnWindow), T(s.EvaluationWindow), s.MaxExtensions);
    }

    private static Limit L(TimeLimit limit) => new(limit.Amount, limit.Unit);

    private static TimeLimit T(Limit limit) => new(limit.Amount, limit.Unit);
}
