using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Attachments;
using Portal.Domain.Requests;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsUnicode(false);
        builder.Property(a => a.StorageName).HasMaxLength(Attachment.StorageNameMaxLength).IsUnicode(false);
        builder.Property(a => a.DraftUserId).HasMaxLength(450);
        builder.Property(a => a.UploadedByUserId).HasMaxLength(450);
        builder.Ignore(a => a.ContentType);
        builder.HasIndex(a => a.StorageName).IsUnique();
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.DraftUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.RequestId, a.UploadedAt });
        builder.HasIndex(a => a.DraftUserId);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(a => a.DraftRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestDraftConfiguration : IEntityTypeConfiguration<RequestDraft>
{
    public void Configure(EntityTypeBuilder<RequestDraft> builder)
    {
        builder.ToTable("RequestDrafts");
        builder.HasKey(d => d.UserId);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Title).HasMaxLength(RequestDraft.TitleMaxLength);
        builder.Property(d => d.Description).HasMaxLength(RequestDraft.DescriptionMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
