namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the daily digests page (每日简报) and the routing problems on the home pages:
/// <c>EscalationResource.resx</c> in Chinese (zh-CN, neutral), <c>EscalationResource.en.resx</c> in English.
/// </summary>
public sealed class EscalationResource;
