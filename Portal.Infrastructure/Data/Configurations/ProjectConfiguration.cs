using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organisation;
using Portal.Domain.Projects;
using Portal.Domain.Requests;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.PlannedInvestment).HasPrecision(12, 2);
        builder.Property(p => p.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Enterprise>().WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.EnterpriseId, p.Id });

        // A request may concern one of its enterprise's projects; the project page lists them.
        builder.HasMany<ServiceRequest>().WithOne().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
