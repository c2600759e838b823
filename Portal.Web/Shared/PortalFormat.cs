using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Shared;

/// <summary>Instants as the district reads them: in Asia/Shanghai, in the user's language (2026年3月5日 17:30).</summary>
public sealed class PortalFormat(IStringLocalizer<SharedResource> text)
{
    public string DateTime(DateTimeOffset instant) =>
        Local(instant).ToString(text["Format.DateTime"], CultureInfo.CurrentCulture);

    public string Date(DateTimeOffset instant) =>
        Local(instant).ToString(text["Format.Date"], CultureInfo.CurrentCulture);

    public string Date(DateOnly day) => day.ToString(text["Format.Date"], CultureInfo.CurrentCulture);

    public string Number(decimal value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, PortalCulture.DistrictTimeZone);
}
