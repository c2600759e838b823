namespace Portal.Web.Resources;

/// <summary>
/// Marker for the portal's shared UI text: <c>SharedResource.resx</c> holds the Chinese (zh-CN,
/// the neutral language) and <c>SharedResource.en.resx</c> the English.
/// </summary>
public sealed class SharedResource;
