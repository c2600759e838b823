using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Jobs;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class JobHeartbeatConfiguration : IEntityTypeConfiguration<JobHeartbeat>
{
    public void Configure(EntityTypeBuilder<JobHeartbeat> builder)
    {
        builder.HasKey(h => h.Name);
        builder.Property(h => h.Name).HasMaxLength(JobHeartbeat.NameMaxLength);
    }
}
