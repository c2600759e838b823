using Portal.Domain.Metrics;

namespace Portal.Tests.Domain.Metrics;

public class RateTests
{
    [Theory]
    [InlineData(0, 4, 0.0)]
    [InlineData(3, 4, 0.75)]
    [InlineData(4, 4, 1.0)]
    public void Value_IsTheNumeratorOverTheDenominator(int numerator, int denominator, double value)
    {
        Assert.Equal(value, new Rate(numerator, denominator).Value);
    }

    [Fact]
    public void Value_WithNothingCounted_IsNull_NeitherNoneNorAll()
    {
        Assert.Null(new Rate(0, 0).Value);
        Assert.Null(default(Rate).Value);
    }

    [Fact]
    public void Plus_AddsTheCounts_NotTheRates()
    {
        var sum = new Rate(1, 4) + new Rate(3, 4);

        Assert.Equal(new Rate(4, 8), sum);
        Assert.Equal(0.5, sum.Value);
    }

    [Fact]
    public void Plus_ARateWithNothingCounted_LeavesTheOtherRate()
    {
        Assert.Equal(new Rate(3, 4), new Rate(3, 4) + new Rate(0, 0));
    }

    [Theory]
    [InlineData(3, 4, 1, 2, 0.25)]
    [InlineData(1, 2, 3, 4, -0.25)]
    [InlineData(1, 2, 2, 4, 0.0)]
    public void Change_IsTheDifferenceInPercentagePointsAsAFraction(int numerator, int denominator, int previousNumerator, int previousDenominator, double change)
    {
        Assert.Equal(change, Rate.Change(new Rate(numerator, denominator), new Rate(previousNumerator, previousDenominator)));
    }

    [Fact]
    public void Change_FromOrToARateWithNothingCounted_IsNull()
    {
        Assert.Null(Rate.Change(new Rate(3, 4), new Rate(0, 0)));
        Assert.Null(Rate.Change(new Rate(0, 0), new Rate(3, 4)));
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(0, -1)]
    [InlineData(5, 4)]
    [InlineData(1, 0)]
    public void New_WithANegativeCountOrMoreCountedThanThereAre_IsRefused(int numerator, int denominator)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rate(numerator, denominator));
    }
}
