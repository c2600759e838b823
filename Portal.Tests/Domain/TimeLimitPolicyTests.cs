using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;

namespace Portal.Tests.Domain;

public class TimeLimitPolicyTests
{
    /// <summary>DESIGN.md §4's table, written out: the target, its normal default and its urgent default.</summary>
    public static TheoryData<TimeLimitTarget, TimeLimit, TimeLimit> Defaults => new()
    {
        { TimeLimitTarget.Dispatch, TimeLimit.WorkingHours(2), TimeLimit.WorkingHours(2) },
        { TimeLimitTarget.Sign, TimeLimit.WorkingDays(1), TimeLimit.WorkingHours(2) },
        { TimeLimitTarget.FirstReply, TimeLimit.WorkingDays(2), TimeLimit.WorkingDays(2) },
        { TimeLimitTarget.Resolve, TimeLimit.WorkingDays(10), TimeLimit.WorkingDays(3) },
        { TimeLimitTarget.ResolveWithCoHandlers, TimeLimit.WorkingDays(25), TimeLimit.WorkingDays(3) },
        { TimeLimitTarget.CoHandlerReply, TimeLimit.WorkingDays(3), TimeLimit.WorkingDays(3) },
        { TimeLimitTarget.ReturnWindow, TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(1) },
        { TimeLimitTarget.EvaluationWindow, TimeLimit.NaturalDays(7), TimeLimit.NaturalDays(7) },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void New_HasDesignsDefaultForEachTargetAndUrgency(TimeLimitTarget target, TimeLimit normal, TimeLimit urgent)
    {
        Assert.Equal(normal, new TimeLimitPolicy(categoryId: 1, Urgency.Normal)[target]);
        Assert.Equal(urgent, new TimeLimitPolicy(categoryId: 1, Urgency.Urgent)[target]);
    }

    [Fact]
    public void New_CoversEveryTarget() =>
        Assert.Equal(TimeLimitTargets.All.Order(), Defaults.Select(row => (TimeLimitTarget)row[0]).Order());

    [Theory]
    [InlineData(Urgency.Normal)]
    [InlineData(Urgency.Urgent)]
    public void New_AllowsTwoExtensions(Urgency urgency) =>
        Assert.Equal(2, new TimeLimitPolicy(categoryId: 1, urgency).MaxExtensions);

    [Fact]
    public void New_KeepsCategoryAndUrgency()
    {
        var policy = new TimeLimitPolicy(categoryId: 7, Urgency.Urgent);
        Assert.Equal((7, Urgency.Urgent), (policy.CategoryId, policy.Urgency));
    }

    [Fact]
    public void New_WithAnUnknownUrgency_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => new TimeLimitPolicy(categoryId: 1, (Urgency)9));
        Assert.Equal("紧急程度无效，应为一般或紧急", refusal.Message);
    }

    [Theory]
    [InlineData(TimeLimitTarget.Sign, 0, "签收时限应大于 0")]
    [InlineData(TimeLimitTarget.Resolve, -3, "办结（单一部门）时限应大于 0")]
    [InlineData(TimeLimitTarget.ResolveWithCoHandlers, 0, "办结（多部门协办）时限应大于 0")]
    [InlineData(TimeLimitTarget.EvaluationWindow, int.MinValue, "回访评价时限应大于 0")]
    [InlineData(TimeLimitTarget.Dispatch, 1000, "受理派单时限不能超过 999")]
    public void ChangeTarget_WithAnAmountOutOfRange_IsRefusedNamingTheTarget(TimeLimitTarget target, int amount, string message)
    {
        var policy = new TimeLimitPolicy(categoryId: 1, Urgency.Normal);
        var before = policy[target];

        var refusal = Assert.Throws<DomainException>(() => policy.ChangeTarget(target, amount, TimeLimitUnit.WorkingDays));

        Assert.Equal(message, refusal.Message);
        Assert.Equal(before, policy[target]);
    }

    [Fact]
    public void ChangeTarget_WithAnUnknownUnit_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new TimeLimitPolicy(categoryId: 1, Urgency.Normal).ChangeTarget(TimeLimitTarget.Sign, 1, (TimeLimitUnit)5));
        Assert.Equal("时限单位无效，应为工作小时、工作日或自然日", refusal.Message);
    }

    [Fact]
    public void ChangeTarget_SetsThatTargetInItsOwnUnitAndNoOther()
    {
        var policy = new TimeLimitPolicy(categoryId: 1, Urgency.Normal);

        policy.ChangeTarget(TimeLimitTarget.FirstReply, 8, TimeLimitUnit.WorkingHours);

        Assert.Equal(TimeLimit.WorkingHours(8), policy.FirstReply);
        Assert.All(TimeLimitTargets.All.Where(t => t != TimeLimitTarget.FirstReply),
            target => Assert.Equal(TimeLimitPolicy.DefaultFor(Urgency.Normal, target), policy[target]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TimeLimitPolicy.MaxExtensionsLimit)]
    public void ChangeMaxExtensions_WithinTheLimits_IsKept(int count)
    {
        var policy = new TimeLimitPolicy(categoryId: 1, Urgency.Normal);
        policy.ChangeMaxExtensions(count);
        Assert.Equal(count, policy.MaxExtensions);
    }

    [Theory]
    [InlineData(-1, "最多延期次数不能为负数")]
    [InlineData(TimeLimitPolicy.MaxExtensionsLimit + 1, "最多延期次数不能超过 10")]
    public void ChangeMaxExtensions_OutOfRange_IsRefused(int count, string message)
    {
        var policy = new TimeLimitPolicy(categoryId: 1, Urgency.Normal);
        var refusal = Assert.Throws<DomainException>(() => policy.ChangeMaxExtensions(count));
        Assert.Equal(message, refusal.Message);
        Assert.Equal(2, policy.MaxExtensions);
    }
}
