using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        // The claim queries on PostgreSQL name this table and its columns in SQL (OutboxDeliveryJob).
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.RecipientUserId).HasMaxLength(450);
        builder.Property(m => m.RecipientAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(m => m.RecipientName).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.EventType).HasMaxLength(OutboxMessage.EventTypeMaxLength).IsUnicode(false);
        builder.Property(m => m.RequestNumber).HasMaxLength(OutboxMessage.RequestNumberMaxLength).IsUnicode(false);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastProblem).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        // Only the holder of the claim records an outcome: a worker whose lease ran out updates nothing.
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.ClaimedByMaxLength).IsConcurrencyToken();

        // Delivery: pending rows by due time.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        // The admin list: failed or pending rows, newest first, keyset on (CreatedAt, Id).
        builder.HasIndex(m => new { m.State, m.CreatedAt, m.Id });
        builder.HasIndex(m => m.RequestNumber);
    }
}
