using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Calendar;
using Portal.Domain.Organisation;
using Portal.Domain.TimeLimits;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class TimeLimitPolicyConfiguration : IEntityTypeConfiguration<TimeLimitPolicy>
{
    public void Configure(EntityTypeBuilder<TimeLimitPolicy> builder)
    {
        builder.ToTable("TimeLimitPolicies");
        builder.Property(p => p.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => new { p.CategoryId, p.Urgency }).IsUnique();
        builder.HasOne<RequestCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);

        Target(builder, p => p.Dispatch);
        Target(builder, p => p.Sign);
        Target(builder, p => p.FirstReply);
        Target(builder, p => p.Resolve);
        Target(builder, p => p.ResolveWithCoHandlers);
        Target(builder, p => p.CoHandlerReply);
        Target(builder, p => p.ReturnWindow);
        Target(builder, p => p.EvaluationWindow);
    }

    /// <summary>Each target as two columns, such as <c>Sign_Amount</c> and <c>Sign_Unit</c> ("WorkingDays").</summary>
    private static void Target(EntityTypeBuilder<TimeLimitPolicy> builder, Expression<Func<TimeLimitPolicy, TimeLimit?>> target) =>
        builder.ComplexProperty(target, limit =>
        {
            limit.IsRequired();
            limit.Property(l => l.Amount);
            limit.Property(l => l.Unit).HasConversion<string>().HasMaxLength(16);
        });
}
