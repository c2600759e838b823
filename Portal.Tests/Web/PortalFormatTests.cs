using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;
using Portal.Web.Shared;

namespace Portal.Tests.Web;

public class PortalFormatTests : ComponentTest
{
    private static readonly DateTimeOffset FiveMarchHalfPastFive = new(2026, 3, 5, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PortalCulture.Chinese, "2026年3月5日 17:30")]
    [InlineData(PortalCulture.English, "5 Mar 2026, 17:30")]
    public void DateTime_InEachLanguage_ShowsTheDistrictsLocalTime(string culture, string expected)
    {
        UseCulture(culture);

        Assert.Equal(expected, Services.GetRequiredService<PortalFormat>().DateTime(FiveMarchHalfPastFive));
    }

    [Fact]
    public void DateTime_OfAnInstantGivenInAnotherOffset_IsStillShanghaiTime()
    {
        var sameInstantInBerlin = FiveMarchHalfPastFive.ToOffset(TimeSpan.FromHours(1));

        Assert.Equal("2026年3月5日 17:30", Services.GetRequiredService<PortalFormat>().DateTime(sameInstantInBerlin));
    }

    [Theory]
    [InlineData(PortalCulture.Chinese, "2026年12月31日")]
    [InlineData(PortalCulture.English, "31 Dec 2026")]
    public void Date_JustBeforeMidnightUtc_IsTheNextDayInTheDistrict(string culture, string expected)
    {
        UseCulture(culture);

        Assert.Equal(expected, Services.GetRequiredService<PortalFormat>().Date(new DateTimeOffset(2026, 12, 30, 16, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(PortalCulture.Chinese, "1,234,567")]
    [InlineData(PortalCulture.English, "1,234,567")]
    public void Number_GroupsThousands(string culture, string expected)
    {
        UseCulture(culture);

        Assert.Equal(expected, Services.GetRequiredService<PortalFormat>().Number(1234567m));
    }
}
