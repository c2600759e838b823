using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Escalation;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class EscalationSettingsConfiguration : IEntityTypeConfiguration<EscalationSettings>
{
    public void Configure(EntityTypeBuilder<EscalationSettings> builder)
    {
        builder.ToTable("EscalationSettings", t =>
        {
            t.HasCheckConstraint("CK_EscalationSettings_Singleton", $"\"Id\" = {EscalationSettings.SingletonId}");
            t.HasCheckConstraint("CK_EscalationSettings_WarningPercent",
                $"\"WarningPercent\" BETWEEN {EscalationSettings.WarningPercentMin} AND {EscalationSettings.WarningPercentMax}");
            t.HasCheckConstraint("CK_EscalationSettings_SevereAfterWorkingDays",
                $"\"SevereAfterWorkingDays\" BETWEEN {EscalationSettings.SevereAfterWorkingDaysMin} AND {EscalationSettings.SevereAfterWorkingDaysMax}");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Ignore(s => s.Policy);
    }
}
