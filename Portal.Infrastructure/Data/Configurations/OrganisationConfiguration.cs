using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organisation;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(Department.CodeMaxLength);
        builder.Property(d => d.Name).HasMaxLength(Department.NameMaxLength);
        builder.Property(d => d.HeadUserId).HasMaxLength(450);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => d.Name).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.HeadUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParkConfiguration : IEntityTypeConfiguration<Park>
{
    public void Configure(EntityTypeBuilder<Park> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Park.NameMaxLength);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.DefaultCommissionerUserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.DefaultCommissionerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndustryConfiguration : IEntityTypeConfiguration<Industry>
{
    public void Configure(EntityTypeBuilder<Industry> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(Industry.NameMaxLength);
        builder.HasIndex(i => i.Name).IsUnique();
        builder.Property(i => i.DefaultCommissionerUserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.DefaultCommissionerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RequestCategoryConfiguration : IEntityTypeConfiguration<RequestCategory>
{
    public void Configure(EntityTypeBuilder<RequestCategory> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(RequestCategory.CodeMaxLength);
        builder.Property(c => c.Name).HasMaxLength(RequestCategory.NameMaxLength);
        builder.Property(c => c.Description).HasMaxLength(RequestCategory.DescriptionMaxLength);
        // The database default serves rows written with explicit column lists (the bench data); the portal always
        // writes the flag itself, false included, so EF must not treat false as "unset".
        builder.Property(c => c.IsActive).HasDefaultValue(true).ValueGeneratedNever();
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasOne<Department>().WithMany().HasForeignKey(c => c.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(Enterprise.NameMaxLength);
        builder.Property(e => e.CreditCode)
            .HasConversion(code => code.Value, value => UnifiedSocialCreditCode.Parse(value))
            .HasMaxLength(UnifiedSocialCreditCode.Length)
            .IsUnicode(false);
        builder.HasIndex(e => e.CreditCode).IsUnique();
        builder.HasIndex(e => e.Name);
        builder.Property(e => e.CommissionerUserId).HasMaxLength(450);
        builder.Property(e => e.CadreUserId).HasMaxLength(450);
        builder.HasOne<Park>().WithMany().HasForeignKey(e => e.ParkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Industry>().WithMany().HasForeignKey(e => e.IndustryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.CommissionerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.CadreUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.CommissionerUserId);
        builder.HasIndex(e => e.CadreUserId);
        builder.OwnsMany(e => e.Contacts, contact =>
        {
            contact.ToTable("EnterpriseContacts");
            contact.WithOwner().HasForeignKey("EnterpriseId");
            contact.Property<int>("Id");
            contact.HasKey("Id");
            contact.Property(c => c.Name).HasMaxLength(ContactPerson.NameMaxLength);
            contact.Property(c => c.Position).HasMaxLength(ContactPerson.PositionMaxLength);
            contact.Property(c => c.Mobile).HasMaxLength(Portal.Domain.Registration.MobileNumber.Length).IsUnicode(false);
            contact.Property(c => c.Email).HasMaxLength(ContactPerson.EmailMaxLength);
        });
        builder.Navigation(e => e.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enterprise>().WithMany().HasForeignKey(u => u.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}
