namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the battle map (挂图作战): <c>DashboardResource.resx</c> in Chinese (zh-CN, neutral),
/// <c>DashboardResource.en.resx</c> in English.
/// </summary>
public sealed class DashboardResource;
