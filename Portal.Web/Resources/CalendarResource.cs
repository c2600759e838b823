namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the work calendar (the admin page, the next-year warning, the public
/// calendar endpoints' problem details): <c>CalendarResource.resx</c> in Chinese (zh-CN, neutral),
/// <c>CalendarResource.en.resx</c> in English.
/// </summary>
public sealed class CalendarResource;
