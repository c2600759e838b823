using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organisation;
using Portal.Domain.Registration;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Registration;

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<EnterpriseRegistration>
{
    public void Configure(EntityTypeBuilder<EnterpriseRegistration> builder)
    {
        builder.ToTable("Registrations");
        builder.Property(r => r.ApplicantUserId).HasMaxLength(450);
        builder.Property(r => r.EnterpriseName).HasMaxLength(Enterprise.NameMaxLength);
        builder.Property(r => r.CreditCode)
            .HasConversion(code => code.Value, value => UnifiedSocialCreditCode.Parse(value))
            .HasMaxLength(UnifiedSocialCreditCode.Length)
            .IsUnicode(false);
        // Two approvers deciding at once: the second save finds the row no longer pending and fails.
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.RefusalReason).HasMaxLength(EnterpriseRegistration.ReasonMaxLength);
        builder.Ignore(r => r.IsNewEnterprise);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ApplicantUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.DecidedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ApplicantUserId);
        // The approval lists: pending ones by enterprise (commissioners) and by code (a new enterprise's other applicants).
        builder.HasIndex(r => new { r.Status, r.EnterpriseId });
        builder.HasIndex(r => r.CreditCode);
    }
}
