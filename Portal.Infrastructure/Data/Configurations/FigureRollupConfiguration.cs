using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Dashboard;

namespace Portal.Infrastructure.Data.Configurations;

/// <summary>The figures' rollup (decision 019): its state, the days marked for rolling up again, and the day rows.</summary>
internal sealed class FigureRollupConfiguration :
    IEntityTypeConfiguration<FigureRollupState>, IEntityTypeConfiguration<FigureDirtyDay>, IEntityTypeConfiguration<FigureDeadlineDay>,
    IEntityTypeConfiguration<FigureEventDay>, IEntityTypeConfiguration<FigureDisputeDay>, IEntityTypeConfiguration<FigureReceivedDay>
{
    public void Configure(EntityTypeBuilder<FigureRollupState> builder)
    {
        builder.ToTable("FigureRollups");
        builder.Property(s => s.Id).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<FigureDirtyDay> builder)
    {
        builder.ToTable("FigureDirtyDays");
        builder.HasIndex(d => d.Day);
    }

    public void Configure(EntityTypeBuilder<FigureDeadlineDay> builder)
    {
        builder.ToTable("FigureDeadlineDays");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(d => d.Day);
    }

    public void Configure(EntityTypeBuilder<FigureEventDay> builder)
    {
        builder.ToTable("FigureEventDays");
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(e => e.Day);
    }

    public void Configure(EntityTypeBuilder<FigureDisputeDay> builder)
    {
        builder.ToTable("FigureDisputeDays");
        builder.HasIndex(d => d.Day);
    }

    public void Configure(EntityTypeBuilder<FigureReceivedDay> builder)
    {
        builder.ToTable("FigureReceivedDays");
        builder.HasIndex(r => r.Day);
    }
}
