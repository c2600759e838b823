using Portal.Domain;
using Portal.Domain.Calendar;

namespace Portal.Tests.Domain.Calendar;

public class TimeLimitTests
{
    [Theory]
    [InlineData(0, TimeLimitUnit.WorkingHours)]
    [InlineData(-1, TimeLimitUnit.WorkingDays)]
    [InlineData(int.MinValue, TimeLimitUnit.NaturalDays)]
    public void New_WithAnAmountNotAboveZero_IsRefused(int amount, TimeLimitUnit unit)
    {
        var refusal = Assert.Throws<DomainException>(() => new TimeLimit(amount, unit));
        Assert.Equal("时限应大于 0", refusal.Message);
    }

    [Fact]
    public void New_AboveTheLargestAmount_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => TimeLimit.WorkingDays(TimeLimit.MaxAmount + 1));
        Assert.Equal("时限不能超过 999", refusal.Message);
    }

    [Fact]
    public void New_WithAnUnknownUnit_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => new TimeLimit(1, (TimeLimitUnit)42));
        Assert.Equal("时限单位无效，应为工作小时、工作日或自然日", refusal.Message);
    }

    [Theory]
    [InlineData(1, TimeLimitUnit.WorkingHours)]
    [InlineData(TimeLimit.MaxAmount, TimeLimitUnit.NaturalDays)]
    public void New_WithinTheLimits_KeepsAmountAndUnit(int amount, TimeLimitUnit unit)
    {
        var limit = new TimeLimit(amount, unit);
        Assert.Equal((amount, unit), (limit.Amount, limit.Unit));
    }

    [Fact]
    public void ToString_NamesTheUnitInChinese()
    {
        Assert.Equal("2 个工作小时", TimeLimit.WorkingHours(2).ToString());
        Assert.Equal("10 个工作日", TimeLimit.WorkingDays(10).ToString());
        Assert.Equal("7 个自然日", TimeLimit.NaturalDays(7).ToString());
    }

    [Fact]
    public void Equality_IsByAmountAndUnit()
    {
        Assert.Equal(TimeLimit.WorkingDays(10), new TimeLimit(10, TimeLimitUnit.WorkingDays));
        Assert.NotEqual(TimeLimit.WorkingDays(10), TimeLimit.NaturalDays(10));
    }
}
