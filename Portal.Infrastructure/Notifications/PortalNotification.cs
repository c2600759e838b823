using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Registration;
using Portal.Domain.Requests;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// One notice in a user's portal inbox (站内通知), written in the same transaction as what it tells
/// of: an event on a request, exactly once per (user, request, event), or a step of a registration
/// (<see cref="RegistrationId"/> set, <see cref="Action"/> null), exactly once per (user, registration, step).
/// </summary>
public sealed class PortalNotification
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string RequestNumber { get; private set; } = "";

    /// <summary>The title of the request, as it was: the inbox lists without reading the requests.</summary>
    public string RequestTitle { get; private set; } = "";

    /// <summary>The timeline entry (its sequence on the request) this notice is of.</summary>
    public int EventSequence { get; private set; }

    /// <summary>The request event told of; null for a notice of a registration.</summary>
    public RequestAction? Action { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>For <see cref="RequestAction.Escalate"/>: the escalation it tells of (then <see cref="EventSequence"/> is 0).</summary>
    public long? EscalationId { get; private set; }

    /// <summary>For a notice of a registration (then the request fields are empty): which one, and which step.</summary>
    public long? RegistrationId { get; private set; }

    public RegistrationStep? RegistrationStep { get; private set; }

    public EnterpriseRegistration? Registration { get; private set; }

    /// <summary>Null until the user opened it or marked it read.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    private PortalNotification()
    {
    }

    public PortalNotification(string userId, ServiceRequest request, RequestEvent entry)
    {
        UserId = userId;
        RequestNumber = request.Number;
        RequestTitle = request.Title;
        EventSequence = entry.Sequence;
        Action = entry.Action;
        CreatedAt = entry.At;
    }

    /// <summary>A notice of an escalation: exactly once per (user, escalation).</summary>
    public PortalNotification(string userId, ServiceRequest request, RequestEscalation escalation)
    {
        UserId = userId;
        RequestNumber = request.Number;
        RequestTitle = request.Title;
        Action = RequestAction.Escalate;
        Escalation = escalation;
        CreatedAt = escalation.RecordedAt;
    }

    /// <summary>A notice of a registration's step: to its approvers when submitted, to its applicant when decided.</summary>
    public PortalNotification(string userId, EnterpriseRegistration registration, RegistrationStep step, DateTimeOffset now)
    {
        UserId = userId;
        Registration = registration;
        RegistrationStep = step;
        CreatedAt = now;
    }

    /// <summary>Set when created for an escalation not yet saved, so both are saved together.</summary>
    public RequestEscalation? Escalation { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

/// <summary>A user's choice for one kind of event: by e-mail too, or in the portal only (the default is both).</summary>
public sealed class NotificationPreference
{
    public string UserId { get; private set; } = "";
    public RequestAction Action { get; private set; }
    public bool ByEmail { get; set; }

    private NotificationPreference()
    {
    }

    public NotificationPreference(string userId, RequestAction action, bool byEmail)
    {
        UserId = userId;
        Action = action;
        ByEmail = byEmail;
    }
}

internal sealed class PortalNotificationConfiguration : IEntityTypeConfiguration<PortalNotification>
{
    public void Configure(EntityTypeBuilder<PortalNotification> builder)
    {
        builder.ToTable("PortalNotifications");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.RequestNumber).HasMaxLength(ServiceRequest.NumberMaxLength);
        builder.Property(n => n.RequestTitle).HasMaxLength(ServiceRequest.TitleMaxLength);
        builder.Property(n => n.Action).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.RequestNumber, n.EventSequence }).IsUnique()
            .HasFilter("\"EscalationId\" IS NULL AND \"RegistrationId\" IS NULL");
        builder.Property(n => n.RegistrationStep).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(n => n.Registration).WithMany().HasForeignKey(n => n.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.RegistrationId, n.RegistrationStep }).IsUnique();
        builder.HasOne(n => n.Escalation).WithMany().HasForeignKey(n => n.EscalationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.EscalationId }).IsUnique();
        // The inbox, newest first by keyset, and the bell's unread count.
        builder.HasIndex(n => new { n.UserId, n.Id });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => new { p.UserId, p.Action });
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Action).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
