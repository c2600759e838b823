namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of filing a request, the request lists and attachments. <c>FilingResource.resx</c>
/// in Chinese (zh-CN, neutral), <c>FilingResource.en.resx</c> in English.
/// </summary>
public sealed class FilingResource;
