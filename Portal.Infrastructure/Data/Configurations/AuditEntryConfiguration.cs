using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // The append-only triggers of the Audit migration name this table.
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(e => e.Kind).HasMaxLength(AuditEntry.KindMaxLength).IsUnicode(false);
        builder.Property(e => e.SubjectType).HasMaxLength(AuditEntry.SubjectTypeMaxLength).IsUnicode(false);
        builder.Property(e => e.SubjectId).HasMaxLength(AuditEntry.SubjectIdMaxLength);
        builder.Property(e => e.SubjectLabel).HasMaxLength(AuditEntry.SubjectLabelMaxLength);
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEntry.IpAddressMaxLength).IsUnicode(false);

        // The list filters by kind or by day and pages by Id; a subject's history by (type, id).
        builder.HasIndex(e => new { e.Kind, e.Id });
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId, e.Id });
    }
}
