using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.ToTable("CalendarYears");
        builder.HasKey(y => y.Year);
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.Notice).HasMaxLength(CalendarYear.NoticeMaxLength);
        builder.HasMany(y => y.Entries).WithOne().HasForeignKey(CalendarEntryConfiguration.YearColumn).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarEntryConfiguration : IEntityTypeConfiguration<CalendarEntry>
{
    public const string YearColumn = "Year";

    public void Configure(EntityTypeBuilder<CalendarEntry> builder)
    {
        builder.ToTable("CalendarEntries");
        builder.HasKey(e => e.Date);
        builder.Property<int>(YearColumn);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Name).HasMaxLength(CalendarEntry.NameMaxLength);
        builder.HasIndex(YearColumn);
    }
}

/// <summary>The working periods of a day, one row each; the domain's record has no identity, so the key is a shadow one.</summary>
internal sealed class WorkingPeriodConfiguration : IEntityTypeConfiguration<WorkingPeriod>
{
    public void Configure(EntityTypeBuilder<WorkingPeriod> builder)
    {
        builder.ToTable("WorkingPeriods");
        builder.Property<int>("Id");
        builder.HasKey("Id");
        builder.Property(p => p.Start);
        builder.Property(p => p.End);
    }
}

internal sealed class CalendarRevisionConfiguration : IEntityTypeConfiguration<CalendarRevision>
{
    public void Configure(EntityTypeBuilder<CalendarRevision> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Number).IsConcurrencyToken();
    }
}
