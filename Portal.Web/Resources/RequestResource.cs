namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of a request's pages: states, channels, urgencies, the actions of its
/// timeline and its deadlines. <c>RequestResource.resx</c> in Chinese (zh-CN, neutral),
/// <c>RequestResource.en.resx</c> in English.
/// </summary>
public sealed class RequestResource;
