using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Escalation;

/// <summary>The four things a daily digest tells, in the order it tells them.</summary>
public enum DigestSection
{
    /// <summary>新增: submitted since the previous digest.</summary>
    New,

    /// <summary>超期: a running deadline is past due now.</summary>
    Overdue,

    /// <summary>严重超期: a running deadline is severely overdue now.</summary>
    SeverelyOverdue,

    /// <summary>不满意: evaluated unsolved or unsatisfied since the previous digest.</summary>
    Unsatisfied,
}

/// <summary>
/// 每日简报: what one supervisor or cadre was told on one working day, at most one per (day, user) by a
/// unique key, so a second run of the job, or a second server, tells nobody twice. Kept so the portal
/// shows it to those without an e-mail address, and to everyone afterwards.
/// </summary>
public sealed class DailyDigest
{
    /// <summary>At most this many requests are listed per section; the counts are whole.</summary>
    public const int ItemsPerSection = 50;

    public long Id { get; private set; }

    /// <summary>The working day (Asia/Shanghai) the digest is of.</summary>
    public DateOnly Day { get; private set; }

    public string UserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The window "since the previous digest" covers: from the previous working day's digest time to this one's.</summary>
    public DateTimeOffset Since { get; private set; }

    public DateTimeOffset Until { get; private set; }

    public int NewCount { get; private set; }
    public int OverdueCount { get; private set; }
    public int SeverelyOverdueCount { get; private set; }
    public int UnsatisfiedCount { get; private set; }

    /// <summary>The e-mail that carried it; null for someone told in the portal only, or when there was nothing to tell.</summary>
    public Guid? OutboxMessageId { get; private set; }

    public List<DigestItem> Items { get; private set; } = [];

    private DailyDigest()
    {
    }

    public DailyDigest(DateOnly day, string userId, DateTimeOffset since, DateTimeOffset until, DateTimeOffset now,
        IReadOnlyDictionary<DigestSection, int> counts, IEnumerable<DigestItem> items)
    {
        Day = day;
        UserId = userId;
        Since = since;
        Until = until;
        CreatedAt = now;
        NewCount = counts.GetValueOrDefault(DigestSection.New);
        OverdueCount = counts.GetValueOrDefault(DigestSection.Overdue);
        SeverelyOverdueCount = counts.GetValueOrDefault(DigestSection.SeverelyOverdue);
        UnsatisfiedCount = counts.GetValueOrDefault(DigestSection.Unsatisfied);
        Items = [.. items];
    }

    public int CountOf(DigestSection section) => section switch
    {
        DigestSection.New => NewCount,
        DigestSection.Overdue => OverdueCount,
        DigestSection.SeverelyOverdue => SeverelyOverdueCount,
        DigestSection.Unsatisfied => UnsatisfiedCount,
    };

    public bool IsEmpty => NewCount + OverdueCount + SeverelyOverdueCount + UnsatisfiedCount == 0;

    public void SentAs(Guid outboxMessageId) => OutboxMessageId = outboxMessageId;
}

/// <summary>One request listed in a digest, as it was that morning.</summary>
public sealed class DigestItem
{
    public DigestSection Section { get; private set; }
    public string RequestNumber { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Enterprise { get; private set; } = "";

    private DigestItem()
    {
    }

    public DigestItem(DigestSection section, string requestNumber, string title, string enterprise)
    {
        Section = section;
        RequestNumber = requestNumber;
        Title = title;
        Enterprise = enterprise;
    }
}

internal sealed class DailyDigestConfiguration : IEntityTypeConfiguration<DailyDigest>
{
    public void Configure(EntityTypeBuilder<DailyDigest> builder)
    {
        builder.ToTable("DailyDigests");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Day, d.UserId }).IsUnique();
        builder.HasIndex(d => new { d.UserId, d.Day });
        builder.OwnsMany(d => d.Items, item =>
        {
            item.ToTable("DailyDigestItems");
            item.WithOwner().HasForeignKey("DigestId");
            item.Property<int>("Id");
            item.HasKey("Id");
            item.Property(i => i.Section).HasConversion<string>().HasMaxLength(24);
            item.Property(i => i.RequestNumber).HasMaxLength(ServiceRequest.NumberMaxLength);
            item.Property(i => i.Title).HasMaxLength(ServiceRequest.TitleMaxLength);
            item.Property(i => i.Enterprise).HasMaxLength(Enterprise.NameMaxLength);
        });
    }
}
