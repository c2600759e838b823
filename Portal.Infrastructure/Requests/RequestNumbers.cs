using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

/// <summary>The last request number given out on one day (in the district's time).</summary>
public sealed class RequestNumberSequence
{
    public DateOnly Day { get; private set; }
    public int LastValue { get; private set; }
}

internal sealed class RequestNumberSequenceConfiguration : IEntityTypeConfiguration<RequestNumberSequence>
{
    public void Configure(EntityTypeBuilder<RequestNumberSequence> builder) => builder.HasKey(s => s.Day);
}

/// <summary>
/// Gives out YQBY-yyyyMMdd-NNNN numbers: a per-day sequence of at least four digits that grows past
/// 9999. One atomic upsert per number, inside the caller's transaction, so two submissions at once
/// never share one and a rolled-back submission gives its number back.
/// </summary>
public static class RequestNumbers
{
    public const string Prefix = "YQBY";

    public static async Task<string> NextAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = WorkCalendar.DayOf(now);
        var value = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RequestNumberSequences" ("Day", "LastValue") VALUES ({day}, 1)
            ON CONFLICT ("Day") DO UPDATE SET "LastValue" = "RequestNumberSequences"."LastValue" + 1
            RETURNING "LastValue" AS "Value"
            """).ToListAsync(cancellationToken);
        return Format(day, value.Single());
    }

    public static string Format(DateOnly day, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{day:yyyyMMdd}-{value:0000}");
}
